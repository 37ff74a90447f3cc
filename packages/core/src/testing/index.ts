export * from './audit-store-conformance.js';
export * from './case-store-conformance.js';
export * from './run-store-conformance.js';
export * from './graph-store-conformance.js';
