export * from './alerts/index.js';
export * from './audit/index.js';
export * from './cases/index.js';
export * from './clock.js';
export * from './errors.js';
export * from './observables/index.js';
export * from './tools/index.js';
export * from './validation.js';
