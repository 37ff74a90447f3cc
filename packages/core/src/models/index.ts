export * from './model-adapter.js';
export * from './model-errors.js';
export * from './tool-calls.js';
export * from './tool-descriptions.js';
export * from './untrusted-data.js';
