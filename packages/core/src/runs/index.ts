export * from './idempotency.js';
export * from './run-state.js';
