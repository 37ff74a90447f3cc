export * from './case-store.js';
export * from './memory-case-store.js';
