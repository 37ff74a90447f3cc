export * from './boundary.js';
export * from './data-access.js';
export * from './define-agent.js';
export * from './escalation.js';
