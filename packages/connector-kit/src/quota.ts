import type { Clock } from '@rampart/core/connector';
import type { Redis, RedisOptions } from 'ioredis';
import { type BucketLimiter, LocalLimiter } from './bucket-limiter.js';
import { ConnectorConfigurationError } from './errors.js';
import type { QuotaDefinition } from './definition.js';
import type { ConnectorLogger } from './logger.js';
import { readVendorBudget, type VendorBudget } from './retry-after.js';
import type { Sleep } from './sleep.js';
import type { RedisWindowLimiter } from './redis-window-limiter.js';

/**
 * Quotas as data: one limiter per tenant × credential × bucket, with the definition's window as a budget and its
 * concurrency as a cap. Without Redis, an in-process `LocalLimiter` is shared by every connector instance in the
 * process with the same key; with Redis, a `RedisWindowLimiter` per bucket (one shared key), so every process holding
 * the same tenant's credentials draws from one budget. ioredis and the Redis limiter are loaded only then.
 */

/**
 * An ioredis client, as far as the kit needs to know. ioredis is an optional peer dependency (installed by hosts that
 * cluster their quotas), so the kit's public types do not name it.
 */
export interface RedisClientLike {
  duplicate(): unknown;
}

/**
 * Clustered limits: an ioredis client (duplicated, so closing the connector never closes it) or ioredis
 * `RedisOptions` (`host`, `port`, `password`, `tls`, ...). Needs `ioredis` installed.
 */
export type RedisConnectionOptions =
  | { client: RedisClientLike; keyPrefix?: string }
  | { options: { readonly [option: string]: unknown }; keyPrefix?: string };

export interface QuotaStatus {
  id: string;
  scope: QuotaDefinition['scope'];
  /** Set for `endpoint` quotas: the operation this bucket counts. */
  operation?: string;
  limit: number;
  windowMs: number;
  /** Requests left in the current window: the lower of this runtime's count and the vendor's last report. */
  remaining: number;
  /** Requests running now (this process). */
  running: number;
  /** Requests waiting for this bucket (this process). */
  queued: number;
  /** Epoch ms until which calls wait (the vendor reported an empty budget or answered 429). */
  pausedUntil?: number;
  /** The vendor's last reported budget, when it sends rate-limit headers. */
  vendor?: VendorBudget & { observedAt: number };
  clustered: boolean;
  /** The documentation page stating the limit. */
  source: string;
}

interface BucketState {
  pausedUntil: number;
  vendor?: VendorBudget & { observedAt: number };
}

export interface QuotaBucket {
  readonly key: string;
  readonly quota: QuotaDefinition;
  readonly operation: string | undefined;
  readonly limiter: BucketLimiter;
  readonly state: BucketState;
  readonly clustered: boolean;
}

interface SharedBucket {
  bucket: QuotaBucket;
  references: number;
}

/** Process-wide local limiters, so two connector instances for one tenant and credential share one budget. */
const localBuckets = new Map<string, SharedBucket>();

/** The reset header's precision: vendors reporting whole seconds round the reset up to the next one. */
function resetResolutionMs(quota: QuotaDefinition): number {
  return quota.headers?.resetUnit === 'milliseconds' ? 1 : 1000;
}

type QuotaHeaderNames = NonNullable<QuotaDefinition['headers']>;

function sameHeaderNames(first: QuotaHeaderNames, second: QuotaHeaderNames): boolean {
  return (
    first === second ||
    (first.limit === second.limit &&
      first.remaining === second.remaining &&
      first.reset === second.reset &&
      first.resetUnit === second.resetUnit)
  );
}

/** What the clustered path loads on first use, so hosts without Redis never load ioredis. */
interface RedisModules {
  client: Redis;
  RedisWindowLimiter: typeof RedisWindowLimiter;
  withQuotaCommands: typeof import('./redis-window-limiter.js').withQuotaCommands;
}

/**
 * A clustered bucket's limiter before ioredis has loaded: `bucketsFor` stays synchronous, and the first call
 * waits for the import (once per process) instead.
 */
class DeferredLimiter implements BucketLimiter {
  private limiter: BucketLimiter | undefined;
  private stopped = false;
  private readonly ready: Promise<BucketLimiter>;

  constructor(create: Promise<BucketLimiter>) {
    this.ready = create.then((limiter) => {
      this.limiter = limiter;
      if (this.stopped) void limiter.stop();
      return limiter;
    });
    this.ready.catch(() => {});
  }

  async schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return (this.limiter ?? (await this.ready)).schedule(task, signal);
  }

  async remaining(): Promise<number | null> {
    return (this.limiter ?? (await this.ready)).remaining();
  }

  running(): number {
    return this.limiter?.running() ?? 0;
  }

  queued(): number {
    return this.limiter?.queued() ?? 0;
  }

  observe(observation: Parameters<NonNullable<BucketLimiter['observe']>>[0]): void {
    if (this.limiter !== undefined) this.limiter.observe?.(observation);
    else void this.ready.then((limiter) => limiter.observe?.(observation)).catch(() => {});
  }

  async pause(until: number): Promise<void> {
    await (await this.ready).pause?.(until);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.limiter?.stop();
  }
}

export interface QuotaManagerOptions {
  connectorId: string;
  quotas: readonly QuotaDefinition[];
  tenantId: string;
  /** A non-secret fingerprint of the credential. */
  credentialId: string;
  redis?: RedisConnectionOptions;
  clock: Clock;
  sleep: Sleep;
  logger: ConnectorLogger;
}

export class QuotaManager {
  private readonly quotasById: Map<string, QuotaDefinition>;
  private readonly held = new Map<string, QuotaBucket>();
  private redisModules: Promise<RedisModules> | undefined;
  private closed = false;

  constructor(private readonly options: QuotaManagerOptions) {
    this.quotasById = new Map(options.quotas.map((quota) => [quota.id, quota]));
  }

  get clustered(): boolean {
    return this.options.redis !== undefined;
  }

  private keyFor(quota: QuotaDefinition, operation: string | undefined): string {
    const { connectorId, tenantId, credentialId } = this.options;
    const parts = [connectorId, tenantId];
    if (quota.scope !== 'org' && quota.scope !== 'endpoint') parts.push(credentialId);
    parts.push(quota.id);
    if (operation !== undefined) parts.push(operation);
    return parts.map((part) => encodeURIComponent(part)).join(':');
  }

  /** One connection per manager (a duplicate of the host's client, so closing never closes the host's). */
  private loadRedis(): Promise<RedisModules> {
    if (this.redisModules === undefined) {
      const redis = this.options.redis!;
      this.redisModules = (async () => {
        const [ioredis, limiterModule] = await Promise.all([
          import('ioredis').catch((cause: unknown) => {
            throw new ConnectorConfigurationError(
              `${this.options.connectorId}: clustered quotas (the redis option) need the package ioredis; install it beside @rampart/connector-kit`,
              { cause },
            );
          }),
          import('./redis-window-limiter.js'),
        ]);
        const client =
          'client' in redis ? (redis.client.duplicate() as Redis) : new ioredis.Redis(redis.options as RedisOptions);
        client.on('error', (error: unknown) =>
          this.options.logger.error('quota redis connection error', { error: String(error) }),
        );
        return {
          client,
          RedisWindowLimiter: limiterModule.RedisWindowLimiter,
          withQuotaCommands: limiterModule.withQuotaCommands,
        };
      })();
    }
    return this.redisModules;
  }

  private bucket(quota: QuotaDefinition, operation: string | undefined): QuotaBucket {
    const key = this.keyFor(quota, operation);
    const existing = this.held.get(key);
    if (existing !== undefined) return existing;
    let bucket: QuotaBucket;
    if (this.options.redis !== undefined) {
      const redisKey = `${this.options.redis.keyPrefix ?? 'rampart'}:quota:${key}`;
      const { clock, sleep } = this.options;
      const limiter = new DeferredLimiter(
        this.loadRedis().then(
          (modules) =>
            new modules.RedisWindowLimiter({
              client: modules.withQuotaCommands(modules.client),
              key: redisKey,
              limit: quota.limit,
              windowMs: quota.windowMs,
              maxConcurrent: quota.concurrency ?? Number.POSITIVE_INFINITY,
              now: () => clock.now(),
              sleep,
              idleTtlMs: Math.max(quota.windowMs * 3, 5 * 60_000),
            }),
        ),
      );
      bucket = { key, quota, operation, limiter, state: { pausedUntil: 0 }, clustered: true };
    } else {
      const shared = localBuckets.get(key);
      if (shared !== undefined) {
        shared.references++;
        bucket = shared.bucket;
      } else {
        const limiter = new LocalLimiter(quota.limit, quota.windowMs, quota.concurrency ?? Number.POSITIVE_INFINITY);
        bucket = { key, quota, operation, limiter, state: { pausedUntil: 0 }, clustered: false };
        localBuckets.set(key, { bucket, references: 1 });
      }
    }
    this.held.set(key, bucket);
    return bucket;
  }

  /** The buckets an operation draws from: every `appliesTo: 'all'` quota, then its own. */
  bucketsFor(operation: string, quotaId: string | undefined): QuotaBucket[] {
    const buckets: QuotaBucket[] = [];
    for (const quota of this.options.quotas) {
      if (quota.appliesTo === 'all' && quota.id !== quotaId) {
        buckets.push(this.bucket(quota, quota.scope === 'endpoint' ? operation : undefined));
      }
    }
    if (quotaId !== undefined) {
      const quota = this.quotasById.get(quotaId);
      if (quota !== undefined) buckets.push(this.bucket(quota, quota.scope === 'endpoint' ? operation : undefined));
    }
    return buckets;
  }

  /**
   * Runs `task` once every bucket admits it. Resolves with the task's result and the time spent waiting
   * (vendor-requested pauses plus limiter queueing). Buckets are always entered in the same order, so nested
   * concurrency limits cannot deadlock.
   */
  async run<T>(
    buckets: readonly QuotaBucket[],
    task: () => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<{ result: T; waitMs: number }> {
    const { clock, sleep } = this.options;
    const startedAt = clock.now();
    if (this.enterAtOnce(buckets)) {
      // The common case: every bucket is local and has room now. One slot each, no promise per bucket.
      try {
        return { result: await task(), waitMs: 0 };
      } finally {
        this.leave(buckets);
      }
    }
    for (const bucket of buckets) {
      while (bucket.state.pausedUntil > clock.now()) {
        await sleep(bucket.state.pausedUntil - clock.now(), signal);
      }
    }
    let waitMs = 0;
    const enter = (index: number): Promise<T> => {
      if (index === buckets.length) {
        waitMs = clock.now() - startedAt;
        signal?.throwIfAborted();
        return task();
      }
      return buckets[index]!.limiter.schedule(() => enter(index + 1), signal);
    };
    const scheduled = enter(0);
    if (signal === undefined) return { result: await scheduled, waitMs };
    // A cancelled caller stops waiting at once; the queued job then runs as a no-op.
    const result = await new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      scheduled.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
    scheduled.catch(() => {});
    return { result, waitMs };
  }

  /**
   * Enters every bucket now when each is local, unpaused and has room, and says so; otherwise enters none (the
   * caller then goes through `run`). Pair a `true` with `leave(buckets)`.
   */
  enterAtOnce(buckets: readonly QuotaBucket[]): boolean {
    const now = this.options.clock.now();
    for (const bucket of buckets) {
      if (bucket.state.pausedUntil > now) return false;
      if (!(bucket.limiter instanceof LocalLimiter) || !bucket.limiter.admitsNow()) return false;
    }
    for (const bucket of buckets) (bucket.limiter as LocalLimiter).enter();
    return true;
  }

  /** Gives back the slots `enterAtOnce` took. */
  leave(buckets: readonly QuotaBucket[]): void {
    for (const bucket of buckets) (bucket.limiter as LocalLimiter).leave();
  }

  /**
   * Reads the vendor's rate-limit headers of a response to a request sent at `sentAt`. They describe the bucket
   * whose limit they report (Okta sends the endpoint's limit, not the org-wide one), or every bucket when none
   * matches or no limit is sent. A clustered limiter aligns its shared window to them; otherwise an exhausted
   * budget pauses the bucket until the vendor's reset.
   */
  observe(buckets: readonly QuotaBucket[], headers: Readonly<Record<string, string>>, sentAt: number): void {
    const now = this.options.clock.now();
    let budgets: (VendorBudget | undefined)[] | undefined;
    let matched = false;
    // Buckets of one vendor name the same headers (Okta's org-wide and endpoint quotas both read
    // `X-Rate-Limit-*`): such a response is read once, not once per bucket.
    let namesRead: QuotaHeaderNames | undefined;
    let budgetRead: VendorBudget | undefined;
    for (let index = 0; index < buckets.length; index++) {
      const bucket = buckets[index]!;
      const names = bucket.quota.headers;
      if (names === undefined) continue;
      if (namesRead === undefined || !sameHeaderNames(names, namesRead)) {
        namesRead = names;
        budgetRead = readVendorBudget(headers, names, now);
      }
      const budget = budgetRead;
      if (budget === undefined) continue;
      bucket.state.vendor = { ...budget, observedAt: now };
      budgets ??= [];
      budgets[index] = budget;
      if (budget.limit === bucket.quota.limit) matched = true;
    }
    if (budgets === undefined) return;
    for (let index = 0; index < buckets.length; index++) {
      const budget = budgets[index];
      const bucket = buckets[index]!;
      if (budget === undefined || (matched && budget.limit !== bucket.quota.limit)) continue;
      if (bucket.limiter.observe !== undefined) {
        bucket.limiter.observe({ budget, sentAt, receivedAt: now, resolutionMs: resetResolutionMs(bucket.quota) });
      } else if (budget.remaining !== undefined && budget.remaining <= 0 && budget.resetAt !== undefined) {
        this.pause([bucket], budget.resetAt);
      }
    }
  }

  /**
   * Holds every call on these buckets until `until` (epoch ms): a 429's Retry-After or an exhausted budget.
   * Clustered buckets store the pause in Redis, so the other processes hold too.
   */
  pause(buckets: readonly QuotaBucket[], until: number): void {
    for (const bucket of buckets) {
      if (until > bucket.state.pausedUntil) {
        bucket.state.pausedUntil = until;
        this.options.logger.info('quota paused', { quota: bucket.quota.id, until: new Date(until).toISOString() });
        bucket.limiter
          .pause?.(until)
          .catch((error: unknown) =>
            this.options.logger.error('quota pause not shared', { quota: bucket.quota.id, error: String(error) }),
          );
      }
    }
  }

  /** Remaining budget per bucket (buckets not used yet report their full limit). */
  async status(): Promise<QuotaStatus[]> {
    const now = this.options.clock.now();
    const statuses: QuotaStatus[] = [];
    const seen = new Set<string>();
    for (const bucket of this.held.values()) {
      seen.add(bucket.quota.id);
      const reservoir = (await bucket.limiter.remaining()) ?? bucket.quota.limit;
      const vendor = bucket.state.vendor;
      const vendorRemaining =
        vendor?.remaining !== undefined && (vendor.resetAt === undefined || vendor.resetAt > now)
          ? vendor.remaining
          : Number.POSITIVE_INFINITY;
      statuses.push({
        id: bucket.quota.id,
        scope: bucket.quota.scope,
        ...(bucket.operation !== undefined ? { operation: bucket.operation } : {}),
        limit: bucket.quota.limit,
        windowMs: bucket.quota.windowMs,
        remaining: Math.max(0, Math.min(reservoir, vendorRemaining)),
        running: bucket.limiter.running(),
        queued: bucket.limiter.queued(),
        ...(bucket.state.pausedUntil > now ? { pausedUntil: bucket.state.pausedUntil } : {}),
        ...(vendor !== undefined ? { vendor } : {}),
        clustered: bucket.clustered,
        source: bucket.quota.source,
      });
    }
    for (const quota of this.options.quotas) {
      if (seen.has(quota.id) || quota.scope === 'endpoint') continue;
      statuses.push({
        id: quota.id,
        scope: quota.scope,
        limit: quota.limit,
        windowMs: quota.windowMs,
        remaining: quota.limit,
        running: 0,
        queued: 0,
        clustered: this.clustered,
        source: quota.source,
      });
    }
    return statuses;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // All at once: an outer bucket's running job waits on an inner bucket's queued one, so stopping them one by
    // one could wait forever.
    await Promise.all(
      [...this.held.values()].map(async (bucket) => {
        if (bucket.clustered) {
          await bucket.limiter.stop();
          return;
        }
        const shared = localBuckets.get(bucket.key);
        if (shared === undefined || shared.bucket !== bucket) return;
        shared.references--;
        if (shared.references === 0) {
          localBuckets.delete(bucket.key);
          await bucket.limiter.stop();
        }
      }),
    );
    this.held.clear();
    if (this.redisModules !== undefined) {
      const modules = await this.redisModules.catch(() => undefined);
      modules?.client.disconnect();
    }
  }
}
