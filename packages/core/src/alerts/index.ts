export * from './alert.js';
export * from './ocsf-classes.js';
export * from './severity.js';
