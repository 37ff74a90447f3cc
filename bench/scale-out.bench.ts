import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProducer, type RunnerJobResult } from '@rampart/runner-bullmq';
import { createFleet, type FleetAlert, type FleetOptions } from '@rampart/runner-bullmq/testing';
import { migratePostgres } from '@rampart/store-postgres';
import { Redis } from 'ioredis';
import pg from 'pg';
import { formatNumber, type ResultRow, ratio, report } from './lib/report.js';

/**
 * Scale-out: throughput of 1, 2 and 4 worker processes (BullMQ on Redis, PostgreSQL stores, the sandbox's
 * vendors) as ratios to 1 worker, and alert-to-case latency at half the 4 workers' throughput. See
 * bench/README.md.
 */

const redisUrl = process.env.RAMPART_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const postgresUrl = process.env.RAMPART_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// 20 tenants × 12 hosts × 2 deliveries: 480 alerts, 240 cases worked triage to resolution per run.
const fleetOptions: FleetOptions = { tenants: 20, hostsPerTenant: 12, alertsPerHost: 2 };
const workerCounts = [1, 2, 4] as const;
const latencyLoad = 0.5;
const benchDirectory = dirname(fileURLToPath(import.meta.url));

async function unavailable(): Promise<string | undefined> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    return `Redis at ${redisUrl} is not reachable (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 1_000 });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    return `PostgreSQL at ${postgresUrl} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
  return undefined;
}

async function startWorkers(count: number, environment: Record<string, string>): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(
        process.execPath,
        ['--conditions=@rampart/source', '--import', 'tsx', join(benchDirectory, 'lib/scale-out-worker.ts')],
        { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`scale-out worker exited with ${code}`)));
      });
      return child;
    }),
  );
}

/** Stops the workers; returns the CPU time they used, in milliseconds. */
async function stopWorkers(children: readonly ChildProcess[]): Promise<number> {
  const used = await Promise.all(
    children.map(
      (child) =>
        new Promise<number>((resolve) => {
          let microseconds = 0;
          child.stdout!.on('data', (chunk: Buffer) => {
            const match = /cpu (\d+)/.exec(chunk.toString());
            if (match) microseconds = Number(match[1]);
          });
          child.once('exit', () => resolve(microseconds / 1_000));
          child.kill('SIGTERM');
        }),
    ),
  );
  return used.reduce((sum, each) => sum + each, 0);
}

interface RunOutcome {
  alertsPerSecond: number;
  latencies: number[];
  /** Worker CPU time per alert, milliseconds. */
  cpuPerAlertMs: number;
}

/**
 * One run on a fresh queue and schema: `workers` processes, every alert offered at `ratePerSecond` (or all at
 * once), timed from the first offer to the last case.
 */
async function run(workers: number, alerts: readonly FleetAlert[], ratePerSecond?: number): Promise<RunOutcome> {
  const schema = `rampart_bench_${randomBytes(4).toString('hex')}`;
  const queueName = `rampart-bench-${randomBytes(4).toString('hex')}`;
  await migratePostgres({ connectionString: postgresUrl, schema });
  const url = new URL(redisUrl);
  const children = await startWorkers(workers, {
    SCALE_REDIS_URL: redisUrl,
    SCALE_QUEUE: queueName,
    SCALE_POSTGRES_URL: postgresUrl,
    SCALE_SCHEMA: schema,
    SCALE_FLEET: JSON.stringify(fleetOptions),
  });
  const producer = createProducer({
    connection: { host: url.hostname, port: Number(url.port || 6379) },
    queueName,
    maxQueued: 5_000,
  });
  let outcome: Omit<RunOutcome, 'cpuPerAlertMs'> | undefined;
  try {
    const startedAt = performance.now();
    const jobIds: string[] = [];
    for (const [index, { alert, tenantId }] of alerts.entries()) {
      if (ratePerSecond !== undefined) {
        const due = startedAt + (index * 1_000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      jobIds.push((await producer.enqueueAlert(alert, { tenantId })).jobId);
    }
    while (((await producer.queue.getJobCounts('completed')).completed ?? 0) < alerts.length) {
      if ((await producer.counts()).deadLettered > 0) throw new Error(JSON.stringify(await producer.deadLetters()));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const elapsedMs = performance.now() - startedAt;
    const results = await Promise.all(jobIds.map((jobId) => producer.queue.getJob(jobId)));
    const latencies = results.map((job) => (job!.returnvalue as RunnerJobResult).alertToCaseMs!);
    outcome = { alertsPerSecond: (alerts.length * 1_000) / elapsedMs, latencies };
  } finally {
    const cpuMs = await stopWorkers(children);
    if (outcome !== undefined) Object.assign(outcome, { cpuPerAlertMs: cpuMs / alerts.length });
    await producer.queue.obliterate({ force: true });
    await producer.close();
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  }
  return outcome as RunOutcome;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const reason = await unavailable();
if (reason !== undefined) {
  console.error(`scale-out needs Redis and PostgreSQL: ${reason}`);
  process.exit(1);
}

const fleet = createFleet(fleetOptions);
// Tenants' alerts interleaved, as 20 customers' alerts arrive.
const byTenant = fleet.tenantIds.map((tenantId) => fleet.alerts.filter((alert) => alert.tenantId === tenantId));
const alerts = Array.from({ length: byTenant[0]!.length }, (_, index) => byTenant.map((each) => each[index]!)).flat();

const throughput = new Map<number, number>();
const cpuPerAlert = new Map<number, number>();
for (const workers of workerCounts) {
  const outcome = await run(workers, alerts);
  throughput.set(workers, outcome.alertsPerSecond);
  cpuPerAlert.set(workers, outcome.cpuPerAlertMs);
  console.log(
    `${workers} worker(s): ${outcome.alertsPerSecond.toFixed(1)} alerts/s, ${outcome.cpuPerAlertMs.toFixed(0)} ms CPU/alert`,
  );
}
const one = throughput.get(1)!;
const rate = latencyLoad * throughput.get(4)!;
const paced = await run(4, alerts, rate);
const p50 = percentile(paced.latencies, 0.5);
const p99 = percentile(paced.latencies, 0.99);

const rows: ResultRow[] = [
  ...workerCounts.map((workers) => ({
    metric: `throughput, ${workers} worker process${workers === 1 ? '' : 'es'} (alerts/s)`,
    value: formatNumber(throughput.get(workers)!, 1),
    anchor: `1 worker: ${formatNumber(one, 1)}`,
    ratio: ratio(throughput.get(workers)!, one),
  })),
  ...workerCounts.map((workers) => ({
    metric: `worker CPU per alert, ${workers} worker process${workers === 1 ? '' : 'es'}`,
    value: `${formatNumber(cpuPerAlert.get(workers)!)} ms`,
    anchor: `1 worker: ${formatNumber(cpuPerAlert.get(1)!)} ms`,
    ratio: ratio(cpuPerAlert.get(workers)!, cpuPerAlert.get(1)!),
  })),
  {
    metric: `alert-to-case latency p50, 4 workers at ${formatNumber(rate, 1)} alerts/s`,
    value: `${formatNumber(p50)} ms`,
  },
  {
    metric: `alert-to-case latency p99, 4 workers at ${formatNumber(rate, 1)} alerts/s`,
    value: `${formatNumber(p99)} ms`,
  },
];
report('scale-out', 'Scale-out: BullMQ workers on PostgreSQL', rows, [
  `${alerts.length} alerts of ${fleetOptions.tenants} tenants (${fleet.hosts.length} cases, each worked triage to resolution with the rule-based reasoner against the sandbox's vendors), interleaved by tenant; each worker process works 4 jobs at once.`,
  'Throughput: every alert offered at once (the queue holds them), timed from the first offer to the last case.',
  `Latency: enqueued → the alert's first write into its case, with alerts offered at ${Math.round(latencyLoad * 100)} % of the 4 workers' throughput.`,
  `Machine: load average ${formatNumber(loadavg()[0]!, 1)} (1 min) at the end, on ${availableParallelism()} cores shared with other work. Throughput is bounded by the CPU the machine gives: when worker CPU per alert stays flat while throughput does not grow, the cores, not the runner, are the limit.`,
  "Latency includes the wait for the tenant's lane (an alert waits while another alert of its tenant is worked end to end, see docs/decisions/2026-11-27-runner-bullmq-tenant-lanes.md) and any backlog that builds when the machine gives the workers less CPU than during the throughput runs.",
]);
