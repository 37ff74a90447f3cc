import { randomUUID } from 'node:crypto';
import { createConnector, defineConnector, silentLogger } from '@rampart/connector-kit';
import { type LoopbackServer, startLoopbackServer } from '@rampart/connector-kit/testing';
import { MemoryAuditStore, MemoryCaseStore, MemoryRunStore } from '@rampart/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { redisConnection, requireRedis } from '../test/support/redis.js';
import type { TenantEnvironment } from './tenant-environment.js';

const available = await requireRedis('vendor quotas shared by workers');

/** A vendor allowing 5 calls per hour per credential: small enough to exhaust in a test. */
const vendor = defineConnector({
  id: 'quota-vendor',
  vendor: 'Quota Vendor',
  product: 'API',
  categories: ['other'],
  baseUrl: 'http://127.0.0.1:{port}',
  baseUrlVariables: { port: { description: 'Port of the loopback server', pattern: '\\d{1,5}' } },
  auth: { type: 'bearer' },
  documentation: 'https://quota-vendor.example/docs',
  quotas: [
    {
      id: 'per-token',
      scope: 'credential',
      limit: 5,
      windowMs: 3_600_000,
      source: 'https://quota-vendor.example/docs',
    },
  ],
  operations: {
    lookup: {
      name: 'lookup',
      description: 'Looks something up, to count requests.',
      method: 'GET',
      path: '/lookup',
      parameters: [],
      input: z.object({}),
      output: z.looseObject({ ok: z.boolean() }),
      risk: 'read',
      idempotent: true,
      quota: 'per-token',
    },
  },
});

describe.skipIf(!available)('vendor quotas shared by workers', () => {
  let loopback: LoopbackServer;
  const keyPrefix = `rampart-test-quota-${randomUUID().slice(0, 8)}`;
  beforeAll(async () => {
    loopback = await startLoopbackServer();
  });
  afterAll(async () => {
    await loopback.close();
    const client = new Redis(redisConnection);
    const keys = await client.keys(`b_${keyPrefix}:*`);
    if (keys.length > 0) await client.del(...keys);
    client.disconnect();
  });

  /** The tenant factory each worker runs: the tenant's own token, limits clustered on the runner's Redis. */
  function tenantEnvironment(tenantId: string): TenantEnvironment & { connector: ReturnType<typeof connect> } {
    const connector = connect(tenantId);
    return {
      tenantId,
      stores: { cases: new MemoryCaseStore(), audit: new MemoryAuditStore(), runs: new MemoryRunStore() },
      connectors: [{ id: vendor.id, tools: connector.tools, tenantId }],
      connector,
      close: () => connector.close(),
    };
  }
  function connect(tenantId: string) {
    return createConnector(vendor, {
      baseUrlVariables: { port: String(loopback.port) },
      credentials: { type: 'bearer', token: `token-of-${tenantId}` },
      tenantId,
      redis: { options: redisConnection, keyPrefix },
      logger: silentLogger,
    });
  }

  it('one noisy tenant spends its own budget on every worker, and the quiet tenant still gets through', async () => {
    const noisy = `noisy-${randomUUID().slice(0, 8)}`;
    const quiet = `quiet-${randomUUID().slice(0, 8)}`;
    // Two workers, each with its own environment (and connector) for the noisy tenant, as two processes would.
    const noisyOnWorkers = [tenantEnvironment(noisy), tenantEnvironment(noisy)];
    const quietOnWorker = tenantEnvironment(quiet);
    try {
      const before = loopback.requestCount();
      const floods = noisyOnWorkers.flatMap((environment) =>
        Array.from({ length: 6 }, () =>
          environment.connector.tools.lookup!({}, { signal: AbortSignal.timeout(4_000) }).then(
            () => 'served',
            () => 'held',
          ),
        ),
      );
      const outcomes = await Promise.all(floods);
      // Twelve calls from two workers drew from one budget of five.
      expect(outcomes.filter((outcome) => outcome === 'served')).toHaveLength(5);
      expect(loopback.requestCount() - before).toBe(5);
      // The quiet tenant's own budget is untouched by the noisy one's.
      for (let call = 0; call < 3; call++) {
        await expect(
          quietOnWorker.connector.tools.lookup!({}, { signal: AbortSignal.timeout(4_000) }),
        ).resolves.toEqual({
          ok: true,
        });
      }
      expect(loopback.requestCount() - before).toBe(8);
    } finally {
      await Promise.all([...noisyOnWorkers, quietOnWorker].map((environment) => environment.close?.()));
    }
  });
});
