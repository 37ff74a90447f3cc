export * from './audit-store.js';
export * from './case-store.js';
export * from './memory-audit-store.js';
export * from './memory-case-store.js';
export * from './memory-run-store.js';
export * from './run-store.js';
