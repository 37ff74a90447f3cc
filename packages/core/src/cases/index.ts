export * from './case.js';
export * from './lifecycle.js';
export * from './timeline.js';
