import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisConnection, requireRedis } from '../test/support/redis.js';
import { TenantLanes } from './tenant-lane.js';

const available = await requireRedis('tenant lanes');

describe.skipIf(!available)('tenant lanes', () => {
  const redis = new Redis(redisConnection);
  const prefix = `rampart-test-lane-${randomUUID().slice(0, 8)}`;
  afterAll(() => redis.disconnect());

  it('lets one worker hold a tenant at a time, and frees the lane on release', async () => {
    const first = new TenantLanes(redis, prefix, 5_000);
    const second = new TenantLanes(redis, prefix, 5_000);
    const lease = await first.acquire('acme');
    expect(lease).not.toBeNull();
    expect(await second.acquire('acme')).toBeNull();
    const other = await second.acquire('globex');
    expect(other).not.toBeNull();
    await lease!.release();
    const next = await second.acquire('acme');
    expect(next).not.toBeNull();
    await Promise.all([next!.release(), other!.release()]);
  });

  it('frees the lane of a worker that stopped renewing it once its lease runs out', async () => {
    const lanes = new TenantLanes(redis, prefix, 200);
    const key = `${prefix}:initech`;
    // A worker that died: its lease is in Redis, nobody renews it.
    await redis.set(key, 'dead-worker', 'PX', 200);
    expect(await lanes.acquire('initech')).toBeNull();
    let taken: Awaited<ReturnType<TenantLanes['acquire']>> = null;
    await expect
      .poll(
        async () => {
          taken = await lanes.acquire('initech');
          return taken;
        },
        { timeout: 5_000, interval: 50 },
      )
      .not.toBeNull();
    expect(await redis.get(key)).not.toBe('dead-worker');
    await taken!.release();
    expect(await redis.get(key)).toBeNull();
    await redis.del(key);
  });
});
