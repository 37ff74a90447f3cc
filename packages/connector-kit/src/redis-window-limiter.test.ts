import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { probeRedis, redisUrl } from '../test/support/redis.js';
import { RedisWindowLimiter, withQuotaCommands } from './redis-window-limiter.js';
import type { Sleep } from './sleep.js';

const redis = await probeRedis();
if (!redis.available) {
  if (process.env.CI) {
    describe('RedisWindowLimiter', () => {
      it('needs Redis under CI', () => {
        throw new Error(
          `${redis.reason}; CI must run the Redis tests (start redis-server or set RAMPART_TEST_REDIS_URL)`,
        );
      });
    });
  } else {
    console.warn(`[connector-kit] skipping RedisWindowLimiter tests: ${redis.reason}`);
  }
}

/** Virtual time shared by every limiter of a test: sleeping advances it, so no test waits for real. */
function virtualClock(start = 1_000_000) {
  let now = start;
  const sleep: Sleep = async (milliseconds, signal) => {
    signal?.throwIfAborted();
    now += Math.max(1, milliseconds);
  };
  return { now: () => now, sleep, advance: (milliseconds: number) => (now += milliseconds) };
}

describe.skipIf(!redis.available)('RedisWindowLimiter', () => {
  const clients: Redis[] = [];
  const prefix = `rampart-test:window:${randomUUID()}`;
  afterAll(async () => {
    const admin = new Redis(redisUrl);
    const keys = await admin.keys(`${prefix}:*`);
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
    for (const client of clients) client.disconnect();
  });

  /** A limiter on its own connection, as a separate process would have. */
  function limiter(key: string, time: ReturnType<typeof virtualClock>, options: { maxConcurrent?: number } = {}) {
    const client = new Redis(redisUrl);
    clients.push(client);
    return new RedisWindowLimiter({
      client: withQuotaCommands(client),
      key: `${prefix}:${key}`,
      limit: 3,
      windowMs: 1000,
      maxConcurrent: options.maxConcurrent ?? Number.POSITIVE_INFINITY,
      now: time.now,
      sleep: time.sleep,
      idleTtlMs: 60_000,
    });
  }

  const started = (time: ReturnType<typeof virtualClock>, log: number[]) => async () => {
    log.push(time.now());
  };

  it('shares one window between connections; it opens with the first request and lasts the window plus a guard', async () => {
    const time = virtualClock();
    const first = limiter('shared', time);
    const second = limiter('shared', time);
    const log: number[] = [];
    await first.schedule(started(time, log));
    await second.schedule(started(time, log));
    await first.schedule(started(time, log));
    await second.schedule(started(time, log));
    // Three in the first window; the fourth waits for its end: 1,000 ms plus the 50 ms guard.
    expect(log.map((at) => at - 1_000_000)).toEqual([0, 0, 0, 1050]);
    expect(await first.remaining()).toBe(2);
  });

  it('moves the window to a vendor reset that comes earlier (windows on the vendor clock)', async () => {
    const time = virtualClock();
    const bucket = limiter('earlier', time);
    const log: number[] = [];
    for (let call = 0; call < 3; call++) await bucket.schedule(started(time, log));
    bucket.observe({
      budget: { limit: 3, remaining: 0, resetAt: time.now() + 400 },
      sentAt: time.now(),
      receivedAt: time.now(),
      resolutionMs: 1000,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bucket.schedule(started(time, log));
    expect(log.at(-1)! - 1_000_000).toBe(400);
  });

  it('does not wait for a reset that is only its own window end rounded up to whole seconds', async () => {
    const time = virtualClock();
    const bucket = limiter('rounded', time);
    const log: number[] = [];
    for (let call = 0; call < 3; call++) await bucket.schedule(started(time, log));
    // The vendor's window ends ~1,000 ms after the first request; it reports that rounded up to the next second.
    bucket.observe({
      budget: { limit: 3, remaining: 0, resetAt: time.now() + 1800 },
      sentAt: time.now(),
      receivedAt: time.now(),
      resolutionMs: 1000,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bucket.schedule(started(time, log));
    expect(log.at(-1)! - 1_000_000).toBe(1050);
  });

  it('waits for a reset later than its window by more than the resolution, and counts the vendor remaining', async () => {
    const time = virtualClock();
    const bucket = limiter('later', time);
    const log: number[] = [];
    await bucket.schedule(started(time, log));
    // Someone else spent the rest of this window (the vendor says 0 left) and the window runs 3 s more.
    bucket.observe({
      budget: { limit: 3, remaining: 0, resetAt: time.now() + 3000 },
      sentAt: time.now(),
      receivedAt: time.now(),
      resolutionMs: 1000,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await bucket.remaining()).toBe(0);
    await bucket.schedule(started(time, log));
    expect(log.at(-1)! - 1_000_000).toBe(3000);
  });

  it('ends the window no earlier than a windowMs after the answer to the request that opened the vendor window', async () => {
    const time = virtualClock();
    const bucket = limiter('first-answer', time);
    const log: number[] = [];
    await bucket.schedule(started(time, log));
    // The vendor counted it as the first of its window (2 of 3 left) and answered 300 ms later.
    bucket.observe({
      budget: { limit: 3, remaining: 2, resetAt: undefined },
      sentAt: time.now(),
      receivedAt: time.now() + 300,
      resolutionMs: 1000,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (let call = 0; call < 3; call++) await bucket.schedule(started(time, log));
    expect(log.map((at) => at - 1_000_000)).toEqual([0, 0, 0, 1300]);
  });

  it('starts nothing in the last guard period of a window, so no request lands after the vendor reset', async () => {
    const time = virtualClock();
    const bucket = limiter('guard', time);
    const log: number[] = [];
    await bucket.schedule(started(time, log));
    // The vendor's window resets in 30 ms, inside the 50 ms guard: the next call waits for the new window.
    bucket.observe({
      budget: { limit: 3, remaining: 1, resetAt: time.now() + 30 },
      sentAt: time.now(),
      receivedAt: time.now(),
      resolutionMs: 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bucket.schedule(started(time, log));
    expect(log.map((at) => at - 1_000_000)).toEqual([0, 30]);
  });

  it('ignores headers of a response to a request sent in an earlier window', async () => {
    const time = virtualClock();
    const bucket = limiter('stale', time);
    const log: number[] = [];
    const sentInOldWindow = time.now() - 5000;
    bucket.observe({
      budget: { limit: 3, remaining: 0, resetAt: time.now() + 300 },
      sentAt: sentInOldWindow,
      receivedAt: time.now(),
      resolutionMs: 1000,
    });
    await bucket.schedule(started(time, log));
    bucket.observe({
      budget: { limit: 3, remaining: 0, resetAt: time.now() + 300 },
      sentAt: sentInOldWindow,
      receivedAt: time.now(),
      resolutionMs: 1000,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await bucket.remaining()).toBe(2);
  });

  it('a pause learnt by one connection holds the others until it ends', async () => {
    const time = virtualClock();
    const learner = limiter('paused', time);
    const other = limiter('paused', time);
    await learner.pause(time.now() + 5000);
    const log: number[] = [];
    await other.schedule(started(time, log));
    expect(log[0]! - 1_000_000).toBe(5000);
  });

  it('caps concurrency across connections, and a stopped limiter lets its waiting callers go', async () => {
    const time = virtualClock();
    const first = limiter('concurrent', time, { maxConcurrent: 1 });
    const second = limiter('concurrent', time, { maxConcurrent: 1 });
    let release: () => void = () => {};
    const running = first.schedule(() => new Promise<void>((resolve) => (release = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const order: string[] = [];
    const waiting = second.schedule(async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(order).toEqual([]);
    expect(second.queued()).toBe(1);
    order.push('first done');
    release();
    await running;
    await waiting;
    expect(order).toEqual(['first done', 'second']);

    const blocked = limiter('concurrent-stop', time, { maxConcurrent: 1 });
    let hold: () => void = () => {};
    const holder = blocked.schedule(() => new Promise<void>((resolve) => (hold = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = blocked.schedule(async () => 'never');
    await blocked.stop();
    await expect(stopped).rejects.toThrow(/stopped/);
    hold();
    await holder;
  });
});
