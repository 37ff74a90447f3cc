export * from './define-tool.js';
export * from './risk.js';
