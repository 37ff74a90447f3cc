import type { OperationDefinition, QuotaDefinition } from '@rampart/connector-kit';

/**
 * A vendor's rate limits enforced by the simulated vendor itself, on the simulated clock: each quota is a sliding
 * window of request times; a request over any of its quotas is refused with the time until a slot frees (the vendor
 * answers 429 with Retry-After, the connector waits on the simulated clock and tries again). The connectors' own
 * limiters count real time, so the sandbox gives them room and lets the vendor side do the limiting.
 */
export class SimulatedRateLimits {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly quotas: readonly QuotaDefinition[]) {}

  private bucketsFor(operation: OperationDefinition): { key: string; quota: QuotaDefinition }[] {
    return this.quotas
      .filter((quota) => quota.appliesTo === 'all' || quota.id === operation.quota)
      .map((quota) => ({ key: quota.scope === 'endpoint' ? `${quota.id}:${operation.name}` : quota.id, quota }));
  }

  /** Counts the request and returns `undefined`, or refuses it and returns the milliseconds until it may retry. */
  admit(operation: OperationDefinition, at: number): number | undefined {
    const buckets = this.bucketsFor(operation);
    let waitMs = 0;
    for (const { key, quota } of buckets) {
      const times = (this.windows.get(key) ?? []).filter((time) => time > at - quota.windowMs);
      this.windows.set(key, times);
      if (times.length >= quota.limit) waitMs = Math.max(waitMs, times[0]! + quota.windowMs - at);
    }
    if (waitMs > 0) return waitMs;
    for (const { key } of buckets) this.windows.get(key)!.push(at);
    return undefined;
  }
}
