import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusteredDefinition } from '../test/support/clustered-definition.js';
import { probeRedis, redisUrl } from '../test/support/redis.js';
import { createConnector } from './connector.js';
import { silentLogger } from './logger.js';
import { type LoopbackServer, startLoopbackServer } from './testing/loopback-server.js';

const redis = await probeRedis();
if (!redis.available) {
  if (process.env.CI) {
    describe('clustered quotas over Redis', () => {
      it('needs Redis under CI', () => {
        throw new Error(
          `${redis.reason}; CI must run the Redis tests (start redis-server or set RAMPART_TEST_REDIS_URL)`,
        );
      });
    });
  } else {
    console.warn(`[connector-kit] skipping clustered quota tests: ${redis.reason}`);
  }
}

const packageDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

describe.skipIf(!redis.available)('clustered quotas over Redis', () => {
  let loopback: LoopbackServer;
  let client: Redis;
  beforeAll(async () => {
    loopback = await startLoopbackServer();
    client = new Redis(redisUrl);
  });
  afterAll(async () => {
    await loopback.close();
    // Keys of these tests: rampart-test:quota:clustered:<tenant>:...
    const keys = await client.keys('rampart-test:quota:clustered:*');
    if (keys.length > 0) await client.del(...keys);
    client.disconnect();
  });

  function connect(tenantId: string, options: { client?: Redis } = {}) {
    return createConnector(clusteredDefinition, {
      baseUrlVariables: { port: String(loopback.port) },
      credentials: { type: 'bearer', token: 'shared-token-123' },
      tenantId,
      redis: options.client
        ? { client: options.client, keyPrefix: 'rampart-test' }
        : {
            options: { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) },
            keyPrefix: 'rampart-test',
          },
      logger: silentLogger,
    });
  }

  it('two connector instances draw from one shared budget', async () => {
    const tenantId = `t-${randomUUID()}`;
    const before = loopback.requestCount();
    const first = connect(tenantId);
    const second = connect(tenantId, { client });
    await first.tools.ping({});
    await second.tools.ping({});
    await first.tools.ping({});
    await second.tools.ping({});
    const remaining = async (connector: typeof first) =>
      (await connector.quota()).find((bucket) => bucket.id === 'shared');
    expect(await remaining(first)).toMatchObject({ remaining: 0, clustered: true });
    expect((await remaining(second))?.remaining).toBe(0);
    // Both instances are now out of budget for the hour: a fifth call is held, then given up by its caller.
    await expect(first.tools.ping({}, { signal: AbortSignal.timeout(500) })).rejects.toThrow();
    await expect(second.tools.ping({}, { signal: AbortSignal.timeout(500) })).rejects.toThrow();
    expect(loopback.requestCount() - before).toBe(4);
    await first.close();
    await second.close();
    // Closing never closes the host's own client.
    await expect(client.ping()).resolves.toBe('PONG');
  });

  it('two processes draw from one shared budget', async () => {
    const tenantId = `t-${randomUUID()}`;
    const before = loopback.requestCount();
    const local = connect(tenantId);
    await local.tools.ping({});
    await local.tools.ping({});
    const require = createRequire(import.meta.url);
    const tsx = require.resolve('tsx');
    const { stdout } = await run(
      process.execPath,
      [
        '--conditions=@rampart/source',
        '--import',
        tsx,
        path.join(packageDirectory, 'test/support/redis-worker.ts'),
        loopback.url,
        tenantId,
        redisUrl,
        '2',
      ],
      { cwd: packageDirectory, timeout: 30_000 },
    );
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(outcome).toEqual({ succeeded: 2, held: true, remaining: 0 });
    expect(loopback.requestCount() - before).toBe(4);
    await local.close();
  });
});
