export * from './graph-errors.js';
export * from './graph-fact.js';
export * from './graph-store.js';
export * from './graph-write.js';
export * from './memory-graph-store.js';
