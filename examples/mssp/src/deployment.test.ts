import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { approvePending, deploymentStatus, ingest, producerFor, setUp } from './deployment.js';
import { Settings } from './settings.js';

const exampleDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = createRequire(import.meta.url).resolve('tsx');

async function servicesMissing(settings: Settings): Promise<string | null> {
  const redis = new Redis(settings.redisUrl, {
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
    return `Redis at ${settings.redisUrl} is not reachable (${(error as Error).message})`;
  } finally {
    redis.disconnect();
  }
  const client = new pg.Client({ connectionString: settings.databaseUrl, connectionTimeoutMillis: 1_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `PostgreSQL at ${settings.databaseUrl} is not reachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => {});
  }
}

const directory = mkdtempSync(join(tmpdir(), 'rampart-mssp-'));
const settings = Settings.parse({
  redisUrl: process.env.RAMPART_TEST_REDIS_URL,
  databaseUrl: process.env.RAMPART_TEST_POSTGRES_URL,
  schema: `rampart_mssp_test_${randomBytes(4).toString('hex')}`,
  queue: `rampart-mssp-test-${randomBytes(4).toString('hex')}`,
  secretsDirectory: join(directory, 'secrets'),
  tenants: 3,
  hostsPerTenant: 4,
});
const missing = await servicesMissing(settings);
if (missing !== null) {
  if (process.env.CI) {
    describe('the MSSP deployment', () => {
      it('needs Redis and PostgreSQL under CI', () => {
        throw new Error(`${missing}; CI must run the MSSP example's test`);
      });
    });
  } else {
    console.warn(`[example-mssp] skipping: ${missing}`);
  }
}

/** `npm run worker`, as the README starts it, with this test's settings. */
async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=@rampart/source', '--import', tsx, 'src/main.ts', 'worker'], {
    cwd: exampleDirectory,
    env: {
      ...process.env,
      REDIS_URL: settings.redisUrl,
      DATABASE_URL: settings.databaseUrl,
      RAMPART_SCHEMA: settings.schema,
      RAMPART_QUEUE: settings.queue,
      RAMPART_SECRETS_DIR: settings.secretsDirectory,
      RAMPART_DEMO_TENANTS: String(settings.tenants),
      RAMPART_DEMO_HOSTS: String(settings.hostsPerTenant),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is taking jobs') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}

describe.skipIf(missing !== null)('the MSSP deployment', () => {
  const workers: ChildProcess[] = [];
  afterAll(async () => {
    await Promise.all(
      workers.map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    const client = new pg.Client({ connectionString: settings.databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${settings.schema}" CASCADE`);
    await client.end();
    const redis = new Redis(settings.redisUrl);
    const keys = await redis.keys(`*${settings.queue}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    rmSync(directory, { recursive: true, force: true });
  });

  it('sets up, works three tenants on two worker processes, resumes approvals, and every audit log verifies', async () => {
    await setUp(settings);
    expect(statSync(join(settings.secretsDirectory, 'tenant-01.json')).mode & 0o777).toBe(0o600);
    workers.push(...(await Promise.all([startWorkerProcess(), startWorkerProcess()])));
    const producer = producerFor(settings);
    try {
      expect(await ingest(settings, producer)).toBe(3 * 4 * 2);
      const settled = async () => {
        const status = await deploymentStatus(settings, producer);
        return status.queue.queued + status.queue.active + status.queue.delayed === 0 ? status : null;
      };
      await expect.poll(settled, { timeout: 120_000, interval: 500 }).not.toBeNull();
      const waiting = (await settled())!;
      expect(waiting.tenants.map((tenant) => tenant.pendingApprovals)).toEqual([1, 1, 1]);

      const decided = await approvePending(settings, producer, { by: 'dana', roles: ['soc-lead'] });
      expect(decided.map((each) => each.tool)).toEqual(['containHost', 'containHost', 'containHost']);
      await expect
        .poll(async () => (await settled())?.tenants.every((tenant) => tenant.pendingApprovals === 0), {
          timeout: 120_000,
          interval: 500,
        })
        .toBe(true);
      const done = (await settled())!;
      expect(done.deadLetters).toEqual([]);
      for (const tenant of done.tenants) {
        expect(tenant.cases).toEqual({ resolved: 4 });
        expect(tenant.auditVerified).toBe(true);
        expect(tenant.auditLeaves).toBeGreaterThan(0);
      }
    } finally {
      await producer.close();
    }
  }, 300_000);
});
