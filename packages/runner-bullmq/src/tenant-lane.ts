import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// Compare-and-act scripts: a worker only ever extends or releases the lease it holds, never one that expired and
// was taken by another worker meanwhile.
const extendScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const releaseScript = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface LaneLease {
  readonly tenantId: string;
  /** Stops renewing and frees the lane (only if this lease still holds it). */
  release(): Promise<void>;
}

/**
 * One tenant's work runs on one worker at a time, whichever machine it is on: correlation reads the tenant's
 * open cases before it writes, so two workers ingesting one tenant's alerts at once would open two cases for one
 * incident. A lane is a Redis key set with NX and an expiry, renewed while the job runs; a worker killed with
 * `kill -9` stops renewing and its lane frees itself after `leaseMs`. The stores' own optimistic concurrency and
 * the actions ledger keep a lease lost in an outage from doing harm: they, not the lane, make actions happen once.
 */
export class TenantLanes {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leaseMs: number,
  ) {}

  /** The lane's lease, or `null` when another worker holds it. */
  async acquire(tenantId: string): Promise<LaneLease | null> {
    const key = `${this.prefix}:${tenantId}`;
    const token = randomUUID();
    const taken = await this.redis.set(key, token, 'PX', this.leaseMs, 'NX');
    if (taken !== 'OK') return null;
    const renew = setInterval(
      () => {
        this.redis.eval(extendScript, 1, key, token, String(this.leaseMs)).catch(() => {});
      },
      Math.max(100, Math.floor(this.leaseMs / 3)),
    );
    renew.unref();
    return {
      tenantId,
      release: async () => {
        clearInterval(renew);
        await this.redis.eval(releaseScript, 1, key, token).catch(() => {});
      },
    };
  }
}
