import { Redis } from 'ioredis';

export const redisUrl = process.env.RAMPART_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether the Redis the clustered-limit tests need is up. Locally a missing Redis skips those tests with the
 * reason printed; under CI (env `CI` set) it is a failure, so the tests can never silently stop running there.
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
