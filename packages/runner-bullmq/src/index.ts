/**
 * @rampart/runner-bullmq: Rampart at scale. Alerts, approval decisions and resumptions are BullMQ jobs on Redis,
 * worked by any number of worker processes on any number of machines, each job on its own tenant's stores and
 * credentials. See README.md.
 */
export * from './errors.js';
export * from './job-data.js';
export { decisionPriority, priorityOfSeverity } from './priority.js';
export { createProducer, type OfferOutcome, type RunnerProducer, type RunnerProducerOptions } from './producer.js';
export { type QueueNames, queueNames } from './queue-names.js';
export type { RunnerConnectionOptions } from './runner-connection.js';
export type { SharedSocOptions, TenantEnvironment, TenantEnvironmentFactory } from './tenant-environment.js';
export { guardTenantStores, type IsolationViolationHandler } from './tenant-guard.js';
export { type LaneLease, TenantLanes } from './tenant-lane.js';
export { type RunnerWorker, type RunnerWorkerOptions, startWorker } from './worker.js';
