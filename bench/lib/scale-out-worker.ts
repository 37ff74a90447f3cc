/**
 * One worker process of the scale-out benchmark: works the fleet's jobs on PostgreSQL stores against the sandbox.
 * Environment: SCALE_REDIS_URL, SCALE_QUEUE, SCALE_POSTGRES_URL, SCALE_SCHEMA, SCALE_FLEET (FleetOptions JSON).
 */
import { ruleBasedReasoner } from '@rampart/agents';
import { startWorker } from '@rampart/runner-bullmq';
import { createFleet, type FleetOptions, sandboxTenants } from '@rampart/runner-bullmq/testing';
import { postgresStores } from '@rampart/store-postgres';
import pg from 'pg';

const setting = (name: string) => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`scale-out worker: ${name} is not set`);
  return value;
};

const redisUrl = new URL(setting('SCALE_REDIS_URL'));
const fleet = createFleet(JSON.parse(setting('SCALE_FLEET')) as FleetOptions);
// A throwaway schema: commits need not wait for the disk, as in the fault test (see the runner's decision note).
const pool = new pg.Pool({
  connectionString: setting('SCALE_POSTGRES_URL'),
  max: 6,
  options: '-c synchronous_commit=off',
});
pool.on('error', () => {});
const stores = await postgresStores({ pool, schema: setting('SCALE_SCHEMA'), migrate: false });
const simulated = sandboxTenants({ fleet, stores: (tenantId) => stores.forTenant(tenantId) });
const worker = startWorker({
  connection: { host: redisUrl.hostname, port: Number(redisUrl.port || 6379) },
  queueName: setting('SCALE_QUEUE'),
  concurrency: 4,
  soc: { model: ruleBasedReasoner() },
  tenants: simulated.tenants,
});
// CPU from here on: start-up (loading sources, binding vendors) is not the work being measured.
const baseline = process.cpuUsage();
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await worker.close();
  // The CPU this worker used, for the benchmark's CPU-per-alert figure.
  const usage = process.cpuUsage(baseline);
  process.stdout.write(`cpu ${usage.user + usage.system}\n`);
  await simulated.close();
  await stores.close();
  await pool.end();
  process.exit(0);
});
