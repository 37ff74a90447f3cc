export * from './built-in-policies.js';
export * from './built-in-policy-tests.js';
export * from './governance.js';
export * from './policy.js';
export * from './policy-catalog.js';
export * from './policy-test-runner.js';
export * from './policy-timeline.js';
export * from './policy-versions.js';
