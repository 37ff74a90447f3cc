export { canonicalEntitiesOfAlert, correlatesByDefault, type ExtractEntities } from './alert-entities.js';
export * from './alert-fingerprint.js';
export * from './case.js';
export { createCaseEngine } from './case-engine.js';
export * from './case-engine-types.js';
export * from './case-errors.js';
export * from './lifecycle.js';
export * from './timeline.js';
