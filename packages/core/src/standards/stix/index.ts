export * from './case-bundle.js';
export * from './stix-bundle-schema.js';
export * from './stix-ids.js';
export * from './uuid-v5.js';
