/**
 * `@rampart/core/connector`: the contracts a connector package and the connector kit build on — tools and their
 * exporters, alerts and normalizers, observables, email parsing, errors, clock and validation. Importing it does
 * not evaluate the case engine, audit log, graph, agents, policies or stores, whose zod schemas are most of core's
 * import time, so `import '@rampart/connector-okta'` stays light. Everything here is also exported by
 * `@rampart/core`, from the same modules: classes and schemas are identical whichever entry a host imports.
 */
export * from './alerts/index.js';
export * from './clock.js';
export * from './email/index.js';
export * from './errors.js';
export * from './observables/index.js';
export * from './tools/index.js';
export * from './validation.js';
