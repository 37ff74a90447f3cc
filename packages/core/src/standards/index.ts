export * from './attack-techniques.js';
export * from './stix/index.js';
