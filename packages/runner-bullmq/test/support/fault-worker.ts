/**
 * One worker process of the fault test: works the fleet's jobs on PostgreSQL stores, against the sandbox, and
 * writes every containment request and every refused tenant crossing to its own log file, synchronously, before
 * the containment happens, so a `kill -9` can lose neither.
 *
 * Environment: FAULT_REDIS_PORT, FAULT_QUEUE, FAULT_POSTGRES_URL, FAULT_SCHEMA, FAULT_LOG, FAULT_FLEET (JSON of
 * FleetOptions), FAULT_NAME.
 */
import { appendFileSync } from 'node:fs';
import { ruleBasedReasoner } from '@rampart/agents';
import { postgresStores } from '@rampart/store-postgres';
import pg from 'pg';
import { createFleet, type FleetOptions } from '../../src/testing/fleet.js';
import { sandboxTenants } from '../../src/testing/sandbox-tenants.js';
import { startWorker } from '../../src/worker.js';

const environment = (name: string) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`fault worker: ${name} is not set`);
  return value;
};

const log = environment('FAULT_LOG');
const record = (entry: Record<string, unknown>) => appendFileSync(log, `${JSON.stringify(entry)}\n`);
const fleet = createFleet(JSON.parse(environment('FAULT_FLEET')) as FleetOptions);
// The test's own throwaway schema: commits need not wait for the disk (a PostgreSQL crash could lose the last
// ones; a worker's kill -9 cannot), which keeps the test's time on the work instead of on fsync.
const pool = new pg.Pool({
  connectionString: environment('FAULT_POSTGRES_URL'),
  max: 6,
  options: '-c synchronous_commit=off',
});
pool.on('error', () => {});
const stores = await postgresStores({ pool, schema: environment('FAULT_SCHEMA'), migrate: false });
const simulated = sandboxTenants({
  fleet,
  stores: (tenantId) => stores.forTenant(tenantId),
  onContainment: (call) => record({ type: 'containment', deviceIds: call.deviceIds, action: call.action }),
});
const worker = startWorker({
  connection: { host: '127.0.0.1', port: Number(environment('FAULT_REDIS_PORT')) },
  queueName: environment('FAULT_QUEUE'),
  name: environment('FAULT_NAME'),
  concurrency: 4,
  soc: { model: ruleBasedReasoner() },
  tenants: simulated.tenants,
  // Short leases and locks: a killed worker's jobs and lanes come back within seconds, not the default 30 s.
  lockDurationMs: 4_000,
  laneLeaseMs: 4_000,
  onIsolationViolation: (error) =>
    record({ type: 'violation', jobTenantId: error.jobTenantId, touchedTenantId: error.touchedTenantId }),
});
record({ type: 'started', name: worker.name, pid: process.pid });
process.stdout.write('ready\n');

const stop = async () => {
  await worker.close();
  await simulated.close();
  await stores.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
