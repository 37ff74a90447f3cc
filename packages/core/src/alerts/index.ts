export * from './alert.js';
export * from './normalizer.js';
export * from './ocsf-classes.js';
export * from './severity.js';
