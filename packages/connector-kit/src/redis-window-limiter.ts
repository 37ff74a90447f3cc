import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { BucketLimiter, VendorObservation } from './bucket-limiter.js';
import type { Sleep } from './sleep.js';

/**
 * One Lua script per decision, so every process sees one atomic window: `{windowStart, windowEnd, used,
 * pausedUntil}` in a hash, and running calls as leases in a sorted set (scored by expiry, so a crashed process
 * cannot hold the concurrency cap for ever). Times are epoch ms from the callers' clocks.
 */
const acquireScript = `
local state = redis.call('HMGET', KEYS[1], 'windowStart', 'windowEnd', 'used', 'pausedUntil')
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local windowMs = tonumber(ARGV[3])
local margin = tonumber(ARGV[4])
local maxConcurrent = tonumber(ARGV[5])
local ttl = tonumber(ARGV[8])
local windowStart = tonumber(state[1] or '0')
local windowEnd = tonumber(state[2] or '0')
local used = tonumber(state[3] or '0')
local pausedUntil = tonumber(state[4] or '0')
if pausedUntil > now then return {0, pausedUntil - now} end
if now >= windowEnd then
  windowStart = now
  windowEnd = now + windowMs + margin
  used = 0
end
if used >= limit then return {0, windowEnd - now} end
-- Nothing starts in the window's last moments: it could reach the vendor after its reset and count in the next window.
if windowEnd - now <= margin then return {0, windowEnd - now} end
if maxConcurrent > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) >= maxConcurrent then return {0, -1} end
  redis.call('ZADD', KEYS[2], now + tonumber(ARGV[7]), ARGV[6])
  redis.call('PEXPIRE', KEYS[2], ttl)
end
redis.call('HSET', KEYS[1], 'windowStart', windowStart, 'windowEnd', windowEnd, 'used', used + 1)
redis.call('PEXPIRE', KEYS[1], ttl)
return {1, 0}
`;

const observeScript = `
local state = redis.call('HMGET', KEYS[1], 'windowStart', 'windowEnd', 'used')
if not state[2] then return 0 end
local sentAt = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local remaining = tonumber(ARGV[3])
local resetAt = tonumber(ARGV[4])
local resolution = tonumber(ARGV[5])
local receivedAt = tonumber(ARGV[6])
local windowMs = tonumber(ARGV[7])
local windowStart = tonumber(state[1])
local windowEnd = tonumber(state[2])
local used = tonumber(state[3])
if sentAt < windowStart then return 0 end
if remaining >= 0 then
  if limit - remaining > used then used = limit - remaining end
  -- The vendor's window opened with this request, so at the latest when its answer came back.
  if remaining == limit - 1 and receivedAt + windowMs > windowEnd then windowEnd = receivedAt + windowMs end
end
if resetAt > 0 and (resetAt < windowEnd or resetAt - resolution >= windowEnd) then windowEnd = resetAt end
redis.call('HSET', KEYS[1], 'windowEnd', windowEnd, 'used', used)
return 1
`;

const pauseScript = `
local pauseEnd = tonumber(ARGV[1])
local current = tonumber(redis.call('HGET', KEYS[1], 'pausedUntil') or '0')
if pauseEnd > current then
  redis.call('HSET', KEYS[1], 'pausedUntil', pauseEnd)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return 1
`;

type Reply = [granted: number, waitMs: number];

interface LimiterCommands {
  rampartQuotaAcquire(...arguments_: (string | number)[]): Promise<Reply>;
  rampartQuotaObserve(...arguments_: (string | number)[]): Promise<number>;
  rampartQuotaPause(...arguments_: (string | number)[]): Promise<number>;
}

/** Registers the scripts on a client once; ioredis then sends them by SHA and reloads them after a flush. */
export function withQuotaCommands(client: Redis): Redis & LimiterCommands {
  const commands = client as Redis & Partial<LimiterCommands>;
  if (commands.rampartQuotaAcquire === undefined) {
    client.defineCommand('rampartQuotaAcquire', { numberOfKeys: 2, lua: acquireScript });
    client.defineCommand('rampartQuotaObserve', { numberOfKeys: 1, lua: observeScript });
    client.defineCommand('rampartQuotaPause', { numberOfKeys: 1, lua: pauseScript });
  }
  return commands as Redis & LimiterCommands;
}

export interface RedisWindowLimiterOptions {
  /** The Redis client (scripts registered with `withQuotaCommands`). */
  client: Redis & LimiterCommands;
  /** Redis key of this bucket; the running leases live at `<key>:running`. */
  key: string;
  limit: number;
  windowMs: number;
  maxConcurrent: number;
  now: () => number;
  sleep: Sleep;
  /** Idle keys expire after this long; a fresh window then starts, which is what the vendor does too. */
  idleTtlMs: number;
  /** A lease not released within this long (a crashed process) stops counting against the concurrency cap. */
  leaseMs?: number;
}

/**
 * A fixed-window budget shared by every process through Redis, aligned to the vendor's windows:
 *
 * - A window opens with the first request after the previous one ended (as vendors count), and lasts `windowMs`
 *   plus a small guard (`min(windowMs / 20, 100 ms)`) for the network's jitter: the vendor's own window starts when
 *   that first request *arrives*, at the latest when its answer (remaining = limit − 1) comes back, and the end
 *   moves there. Nothing starts in a window's last guard period: it could reach the vendor after its reset.
 * - A vendor reset header moves the window's end: to the reset when it is earlier (windows on the vendor's clock),
 *   or later by more than the header's resolution (the vendor counts longer than declared). A reset that is only
 *   the window's end rounded up to whole seconds (Okta) is not waited for.
 * - A vendor's `remaining` lowers the budget left in the window; a 429's pause is stored in Redis, so every process
 *   holds until it ends.
 * - Waiting callers ask again at `min(250 ms, windowMs / 10)` or at the window's end, whichever is first, so a
 *   window another process opened or a pause it learnt is seen within that period.
 */
export class RedisWindowLimiter implements BucketLimiter {
  private readonly runningKey: string;
  private readonly pollMs: number;
  private readonly marginMs: number;
  private readonly leaseMs: number;
  private active = 0;
  private waiting = 0;
  private readonly stopController = new AbortController();

  constructor(private readonly options: RedisWindowLimiterOptions) {
    this.runningKey = `${options.key}:running`;
    this.pollMs = Math.max(1, Math.min(250, options.windowMs / 10));
    this.marginMs = Math.min(options.windowMs / 20, 100);
    this.leaseMs = options.leaseMs ?? 120_000;
  }

  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const stop = this.stopController.signal;
    const wait = signal === undefined ? stop : AbortSignal.any([signal, stop]);
    const lease = this.options.maxConcurrent === Number.POSITIVE_INFINITY ? '' : randomUUID();
    this.waiting++;
    try {
      for (;;) {
        wait.throwIfAborted();
        const [granted, waitMs] = await this.options.client.rampartQuotaAcquire(
          this.options.key,
          this.runningKey,
          this.options.now(),
          this.options.limit,
          this.options.windowMs,
          this.marginMs,
          lease === '' ? 0 : this.options.maxConcurrent,
          lease,
          this.leaseMs,
          this.options.idleTtlMs,
        );
        if (granted === 1) break;
        // -1: the concurrency cap is full; a running call may end any moment.
        await this.options.sleep(waitMs < 0 ? this.pollMs : Math.min(waitMs, this.pollMs), wait);
      }
    } finally {
      this.waiting--;
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      if (lease !== '') void this.options.client.zrem(this.runningKey, lease).catch(() => {});
    }
  }

  observe(observation: VendorObservation): void {
    const { budget, sentAt, resolutionMs } = observation;
    void this.options.client
      .rampartQuotaObserve(
        this.options.key,
        sentAt,
        this.options.limit,
        budget.remaining ?? -1,
        budget.resetAt ?? 0,
        resolutionMs,
        observation.receivedAt,
        this.options.windowMs,
      )
      .catch(() => {});
  }

  async pause(until: number): Promise<void> {
    await this.options.client.rampartQuotaPause(this.options.key, until, this.options.idleTtlMs);
  }

  async remaining(): Promise<number> {
    const [windowEnd, used] = await this.options.client.hmget(this.options.key, 'windowEnd', 'used');
    if (windowEnd === null || Number(windowEnd) <= this.options.now()) return this.options.limit;
    return Math.max(0, this.options.limit - Number(used ?? 0));
  }

  running(): number {
    return this.active;
  }

  queued(): number {
    return this.waiting;
  }

  async stop(): Promise<void> {
    this.stopController.abort(new Error('The quota limiter was stopped'));
  }
}
