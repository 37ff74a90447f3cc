export * from './case-store-conformance.js';
