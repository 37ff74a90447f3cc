import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, it } from 'vitest';

export const redisUrl = process.env.RAMPART_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const redisConnection = { host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) };

/**
 * Whether the Redis these tests need is up. Locally a missing Redis skips them with the reason printed; under CI
 * (env `CI` set) it is a failure, so the tests can never silently stop running there.
 */
export async function probeRedis(): Promise<{ available: true } | { available: false; reason: string }> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return { available: true };
  } catch (error) {
    return { available: false, reason: `Redis at ${redisUrl} is not reachable (${(error as Error).message})` };
  } finally {
    client.disconnect();
  }
}

/** Skips the calling file's suites with the reason when Redis is down, or fails under CI. */
export async function requireRedis(subject: string): Promise<boolean> {
  const redis = await probeRedis();
  if (redis.available) return true;
  if (process.env.CI) {
    describe(subject, () => {
      it('needs Redis under CI', () => {
        throw new Error(`${redis.reason}; CI must run the runner's Redis tests`);
      });
    });
  } else {
    console.warn(`[runner-bullmq] skipping ${subject}: ${redis.reason}`);
  }
  return false;
}

/** A queue name of its own per test, so tests never see each other's jobs (or another engineer's). */
export const uniqueQueueName = (label: string) => `rampart-test-${label}-${randomUUID().slice(0, 8)}`;

/** Deletes every key of a test's queue family. */
export async function dropQueueFamily(queueName: string): Promise<void> {
  const client = new Redis(redisUrl);
  try {
    for (const pattern of [`bull:${queueName}-*`, `${queueName}-lane:*`]) {
      const keys = await client.keys(pattern);
      if (keys.length > 0) await client.del(...keys);
    }
  } finally {
    client.disconnect();
  }
}
