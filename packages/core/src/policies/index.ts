export * from './built-in-policies.js';
export * from './governance.js';
export * from './policy.js';
