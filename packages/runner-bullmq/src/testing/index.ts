/** Test and benchmark support: a simulated multi-tenant fleet and its tenants' environments. */
export * from './fleet.js';
export * from './sandbox-tenants.js';
