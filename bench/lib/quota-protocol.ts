/** Messages between connector-quota.bench.ts and its worker processes (lib/quota-worker.ts). */

export interface QuotaWorkerOptions {
  worker: number;
  instances: number;
  baseUrl: string;
  redisHost: string;
  redisPort: number;
  keyPrefix: string;
  /** The Okta quota getUser draws from, given the benchmark's limit and window. */
  quotaId: string;
  limit: number;
  windowMs: number;
  /**
   * Diagnostic only: Bottleneck's Redis heartbeat (default 5,000 ms), which is when a clustered reservoir refreshes
   * while every limiter waits. The kit does not set it; a run with it set shows what setting it would change.
   */
  heartbeatMs?: number;
}

export interface QuotaWorkerResult {
  worker: number;
  /** getUser calls that returned a user. */
  succeeded: number;
  /** Calls still waiting for quota when the run ended (given up by their caller). */
  heldAtEnd: number;
  /** Calls that failed before the end, with the error. */
  failed: string[];
  /** Attempts in the call reports: requests sent, retries included, and calls given up while held for quota. */
  attempts: number;
  rateLimitWaitMs: number;
  /** Times the kit paused a bucket (vendor budget exhausted or a 429). */
  pauses: number;
  limiterErrors: string[];
}

export type QuotaWorkerMessage = { type: 'ready' } | { type: 'done'; result: QuotaWorkerResult };
