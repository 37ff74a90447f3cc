import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from '@rampart/connector-kit/testing';
import { Redis } from 'ioredis';
import { benchUserId, oktaHeaders, oktaRateLimitedBody, oktaUserBody } from './lib/okta-fixtures.js';
import type { QuotaWorkerMessage, QuotaWorkerOptions, QuotaWorkerResult } from './lib/quota-protocol.js';
import { formatNumber, type ResultRow, report } from './lib/report.js';

/**
 * Quota use: 10 Okta connector instances in 2 processes share one Redis-clustered quota (the kit's `redis`
 * option) against a loopback vendor that answers 429 past its limit. See bench/README.md.
 */

const limit = 50;
const windowMs = 2_000;
const durationMs = 10_000;
const processes = 2;
const instancesPerProcess = 5;
/** The Okta bucket getUser draws from (besides the org-wide one, left as generated). */
const quotaId = 'users-get';
const usedGoal = 0.95;
const redisUrl = new URL(process.env.RAMPART_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');

type WindowMode = 'first-request' | 'clock';
const firstRequest = 'vendor windows open with the first request';
const onTheClock = 'vendor windows on the clock (every 2 s since the epoch), run starting mid-window';
const scenarios: { mode: WindowMode; label: string }[] = [
  { mode: 'first-request', label: firstRequest },
  { mode: 'clock', label: onTheClock },
];

const benchDirectory = dirname(fileURLToPath(import.meta.url));

async function probeRedis(): Promise<string | undefined> {
  const client = new Redis({
    host: redisUrl.hostname,
    port: Number(redisUrl.port || 6379),
    lazyConnect: true,
    connectTimeout: 1_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${redisUrl.host} is not reachable (${(error as Error).message})`;
  } finally {
    client.disconnect();
  }
}

/** The vendor's side: a fixed-window counter that answers like Okta (headers on every answer, 429 past the limit). */
class VendorWindows {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;
  readonly log: { at: number; status: number; windowStart: number }[] = [];

  constructor(private readonly mode: WindowMode) {}

  admit(now: number) {
    const start = this.mode === 'clock' ? Math.floor(now / windowMs) * windowMs : this.windowStart;
    if (this.mode === 'clock' ? start !== this.windowStart : now >= this.windowStart + windowMs) {
      this.windowStart = this.mode === 'clock' ? start : now;
      this.count = 0;
    }
    this.count++;
    const allowed = this.count <= limit;
    this.log.push({ at: now, status: allowed ? 200 : 429, windowStart: this.windowStart });
    return {
      allowed,
      // Okta reports the reset in whole epoch seconds, rounded up so a client never comes back early.
      headers: oktaHeaders({
        limit,
        remaining: Math.max(0, limit - this.count),
        resetEpochSeconds: Math.ceil((this.windowStart + windowMs) / 1000),
      }),
    };
  }
}

function startWorker(options: QuotaWorkerOptions): {
  child: ChildProcess;
  ready: Promise<void>;
  done: Promise<QuotaWorkerResult>;
} {
  const child = fork(join(benchDirectory, 'lib/quota-worker.ts'), [JSON.stringify(options)], {
    execArgv: ['--conditions=@rampart/source', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let resolveReady: () => void;
  let resolveDone: (result: QuotaWorkerResult) => void;
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  const done = new Promise<QuotaWorkerResult>((resolve, reject) => {
    resolveDone = resolve;
    child.once('exit', (code) => reject(new Error(`quota worker ${options.worker} exited (${code}) before reporting`)));
  });
  child.on('message', (message: QuotaWorkerMessage) => {
    if (message.type === 'ready') resolveReady();
    else resolveDone(message.result);
  });
  return { child, ready, done };
}

async function deleteKeys(client: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await client.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

const unavailable = await probeRedis();
if (unavailable !== undefined) {
  console.log(`connector-quota skipped: ${unavailable}. Start redis-server or set RAMPART_BENCH_REDIS_URL.`);
  process.exit(0);
}

const rows: ResultRow[] = [];
const notes: string[] = [];
const loadAtStart = loadavg()[0]!;
const redis = new Redis({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
const theoreticalMaximum = limit * Math.floor(durationMs / windowMs);

try {
  for (const scenario of scenarios) {
    const vendor = new VendorWindows(scenario.mode);
    const server = await startLoopbackServer((request, response) => {
      if (request.url !== `/api/v1/users/${benchUserId}`) {
        response.writeHead(404).end();
        return;
      }
      const { allowed, headers } = vendor.admit(Date.now());
      response.writeHead(allowed ? 200 : 429, headers);
      response.end(allowed ? oktaUserBody : oktaRateLimitedBody);
    });
    const keyPrefix = `rampart-bench-quota-${randomUUID()}`;
    const workers = Array.from({ length: processes }, (_, worker) =>
      startWorker({
        worker,
        instances: instancesPerProcess,
        baseUrl: server.url,
        redisHost: redisUrl.hostname,
        redisPort: Number(redisUrl.port || 6379),
        keyPrefix,
        quotaId,
        limit,
        windowMs,
      }),
    );
    let results: QuotaWorkerResult[];
    let startAt: number;
    try {
      await Promise.all(workers.map((worker) => worker.ready));
      startAt = Date.now() + 500;
      if (scenario.mode === 'clock') startAt = Math.ceil(startAt / windowMs) * windowMs + windowMs / 2;
      const endAt = startAt + durationMs;
      for (const worker of workers) worker.child.send({ type: 'start', startAt, endAt });
      results = await Promise.all(workers.map((worker) => worker.done));
    } finally {
      for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill();
      await server.close();
    }
    const deleted = await deleteKeys(redis, `${keyPrefix}:*`);
    const left = await deleteKeys(redis, `${keyPrefix}*`);

    const endAt = startAt + durationMs;
    const inRun = vendor.log.filter((entry) => entry.at >= startAt && entry.at <= endAt);
    const served = inRun.filter((entry) => entry.status === 200).length;
    const rejected = vendor.log.filter((entry) => entry.status === 429).length;
    const late = vendor.log.filter((entry) => entry.at > endAt).length;
    const perWindow = new Map<number, number>();
    for (const entry of inRun) {
      if (entry.status === 200) perWindow.set(entry.windowStart, (perWindow.get(entry.windowStart) ?? 0) + 1);
    }
    const used = served / theoreticalMaximum;
    const label = scenario.label;
    rows.push({
      metric: `limit used in ${durationMs / 1000} s, ${processes * instancesPerProcess} instances in ${processes} processes, ${label}`,
      value: `${formatNumber(served)} requests served (${(used * 100).toFixed(1)}%)`,
      anchor: `limit × windows: ${limit} × ${durationMs / windowMs} = ${theoreticalMaximum}`,
      ratio: `${used.toFixed(2)}×`,
      goal: `≥ ${usedGoal.toFixed(2)}×`,
      met: used >= usedGoal,
    });
    rows.push({
      metric: `429 answers, ${label}`,
      value: formatNumber(rejected),
      anchor: '0',
      goal: '0',
      met: rejected === 0,
    });
    const succeeded = results.reduce((sum, result) => sum + result.succeeded, 0);
    const attempts = results.reduce((sum, result) => sum + result.attempts, 0);
    const failed = results.flatMap((result) => result.failed);
    const limiterErrors = results.flatMap((result) => result.limiterErrors);
    const pauses = results.reduce((sum, result) => sum + result.pauses, 0);
    const windowStarts = [...perWindow.keys()].sort((a, b) => a - b);
    notes.push(
      `${label}: served per vendor window ${windowStarts
        .map((start) => `${perWindow.get(start)} (+${formatNumber((start - startAt) / 1000, 2)} s)`)
        .join(', ')}; ` +
        `calls that returned a user ${succeeded} (per process ${results.map((result) => result.succeeded).join(' / ')}), ` +
        `attempts in the call reports ${attempts}, held for quota at the end ${results.reduce((sum, result) => sum + result.heldAtEnd, 0)}, ` +
        `failed ${failed.length}${failed.length > 0 ? ` (${[...new Set(failed)].slice(0, 3).join('; ')})` : ''}, ` +
        `bucket pauses on the vendor's headers or a 429 ${pauses}, requests after the end ${late}; ` +
        `${deleted + left} Redis keys deleted afterwards.` +
        (limiterErrors.length > 0 ? ` Limiter errors: ${[...new Set(limiterErrors)].slice(0, 3).join('; ')}.` : ''),
    );
  }
  notes.push(
    `Each of the ${processes} worker processes holds ${instancesPerProcess} \`createConnector\` instances of the generated ` +
      `Okta connector (its "${quotaId}" bucket set to ${limit} requests per ${windowMs / 1000} s, the org-wide bucket ` +
      `as generated) with \`redis: { options, keyPrefix }\`, one key prefix per scenario; each instance calls ` +
      `\`getUser\` back to back from a common wall-clock start for ${durationMs / 1000} s, and a call still waiting ` +
      `for quota at the end is given up. The vendor is a node:http server in the bench process: fixed windows of ` +
      `${limit} requests, Okta's X-Rate-Limit-Limit/Remaining/Reset headers (reset in epoch seconds) on every ` +
      `answer, 429 with Okta's E0000047 body past the limit. "Served" counts the 200s it sent between start and ` +
      `end. Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end, on 2 cores.`,
  );
} finally {
  redis.disconnect();
}

report('connector-quota', 'Connector kit: shared quota use over Redis', rows, notes);
