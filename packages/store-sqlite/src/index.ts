export * from './audit-migrations.js';
export * from './database.js';
export * from './sqlite-audit-store.js';
