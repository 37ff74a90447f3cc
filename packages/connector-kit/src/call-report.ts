import type { ToolCallContext } from '@rampart/core/connector';

/**
 * What one vendor call cost, for a case timeline ("tool called: duration, rate-limit wait") and for metrics.
 * Holds no input values, no credentials and no bodies.
 */
export interface CallReport {
  connector: string;
  operation: string;
  tenantId: string;
  caseId?: string;
  /** 1-based page number, for calls made by `paginate` / `pages`. */
  page?: number;
  /** Epoch ms, from the connector's clock. */
  startedAt: number;
  endedAt: number;
  durationMs: number;
  /** Time spent waiting for quota: limiter queueing, vendor-reported resets and 429 Retry-After waits. */
  rateLimitWaitMs: number;
  /** Backoff waits between attempts after 5xx and network failures. */
  retryWaitMs: number;
  /** Requests sent (or attempted) for this call, retries included; a redirect hop is not an attempt. */
  attempts: number;
  retries: number;
  /** Final HTTP status, when a response arrived. */
  status?: number;
  outcome: 'success' | 'error';
  /** Set when `outcome` is `error`; the message is redacted. */
  error?: { name: string; message: string; status?: number };
}

export type CallReportListener = (report: CallReport) => void;

/** A tool call context that can also receive this call's report (the agents package puts it on the timeline). */
export interface ConnectorCallContext extends ToolCallContext {
  onCallEnd?: CallReportListener;
}
