export * from './audit-migrations.js';
export * from './case-migrations.js';
export * from './database.js';
export * from './sqlite-audit-store.js';
export * from './sqlite-case-store.js';
export * from './sqlite-run-store.js';
export * from './sqlite-stores.js';
