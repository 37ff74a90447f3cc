import { createHash } from 'node:crypto';
import { Alert, canonicalJson, parseOrThrow } from '@rampart/core';
import { Queue } from 'bullmq';
import { BackpressureError, RunnerConfigurationError } from './errors.js';
import { DeadLetter, type DecisionJobData, type RunnerJobData } from './job-data.js';
import { decisionPriority, priorityOfSeverity } from './priority.js';
import { queueNames } from './queue-names.js';
import { bullConnection, type RunnerConnectionOptions } from './runner-connection.js';

export interface RunnerProducerOptions extends RunnerConnectionOptions {
  /** Jobs waiting (not yet taken by a worker) above which producers are told to slow down. Default 10,000. */
  maxQueued?: number;
  /** How long `enqueueAlert` waits for room before it throws `BackpressureError`. Default 30 s. */
  maxWaitMs?: number;
  /** Attempts per job before it goes to the dead-letter queue. Default 5. */
  attempts?: number;
  /** First retry delay; each next one doubles. Default 1 s. */
  backoffMs?: number;
}

export type OfferOutcome =
  | { accepted: true; jobId: string }
  | { accepted: false; queued: number; limit: number; retryAfterMs: number };

export interface RunnerProducer {
  /** Enqueues one alert unless the queue is full; never waits. The same alert of one tenant is enqueued once. */
  offerAlert(alert: unknown, options: { tenantId: string }): Promise<OfferOutcome>;
  /** Enqueues one alert, waiting for room up to `maxWaitMs`; then throws `BackpressureError`. */
  enqueueAlert(alert: unknown, options: { tenantId: string }): Promise<{ jobId: string }>;
  /** Queues an analyst's decision on a paused call; any worker resumes the run. */
  decide(
    approvalId: string,
    decision: { tenantId: string; approved: boolean; by: string; roles?: readonly string[]; rationale?: string },
  ): Promise<{ jobId: string }>;
  /** Queues a resumption of an interrupted run. */
  resume(runId: string, options: { tenantId: string }): Promise<{ jobId: string }>;
  /** Jobs waiting, running, delayed (retries and lanes taken) and dead-lettered. */
  counts(): Promise<{ queued: number; active: number; delayed: number; deadLettered: number }>;
  /** Jobs that failed for good, with the reason, oldest first. */
  deadLetters(): Promise<DeadLetter[]>;
  /** The underlying work queue, for hosts that want BullMQ's own API (events, metrics, dashboards). */
  readonly queue: Queue;
  close(): Promise<void>;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function jobIdOf(kind: string, tenantId: string, identity: unknown): string {
  const digest = createHash('sha256')
    .update(canonicalJson([kind, tenantId, identity]))
    .digest('hex');
  return `${kind}-${digest.slice(0, 32)}`;
}

/** A producer: the side of a deployment that receives alerts (webhooks, pollers) and puts them on the queue. */
export function createProducer(options: RunnerProducerOptions): RunnerProducer {
  const names = queueNames(options.queueName);
  const maxQueued = options.maxQueued ?? 10_000;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 1_000;
  for (const [name, value] of Object.entries({ maxQueued, attempts, backoffMs })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RunnerConfigurationError(`${name} must be a whole number of 1 or more, got ${value}`);
    }
  }
  const connection = bullConnection(options.connection);
  const queue = new Queue<RunnerJobData>(names.work, { connection });
  const deadLetterQueue = new Queue(names.deadLetter, { connection });
  const jobOptions = {
    attempts,
    backoff: { type: 'exponential' as const, delay: backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 100_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };

  // Counting on every offer would cost a round trip per alert; a count is trusted for a short while, plus what
  // this producer added since.
  let known = { queued: 0, at: -Infinity, addedSince: 0 };
  async function queued(): Promise<number> {
    if (Date.now() - known.at > 200 || known.queued + known.addedSince >= maxQueued) {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'paused');
      known = {
        queued: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
        at: Date.now(),
        addedSince: 0,
      };
    }
    return known.queued + known.addedSince;
  }

  async function offerAlert(alert: unknown, { tenantId }: { tenantId: string }): Promise<OfferOutcome> {
    const parsed = parseOrThrow(Alert, alert, 'alert');
    const now = await queued();
    if (now >= maxQueued) {
      // The fuller the queue, the longer the pause: producers back off in proportion to the backlog.
      return { accepted: false, queued: now, limit: maxQueued, retryAfterMs: Math.min(5_000, 50 + now / 10) };
    }
    const jobId = jobIdOf('alert', tenantId, JSON.parse(JSON.stringify(alert)));
    await queue.add(
      'alert',
      { kind: 'alert', tenantId, alert, enqueuedAt: Date.now() },
      { ...jobOptions, jobId, priority: priorityOfSeverity(parsed.severity_id) },
    );
    known.addedSince += 1;
    return { accepted: true, jobId };
  }

  return {
    queue,
    offerAlert,
    async enqueueAlert(alert, enqueueOptions) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        const outcome = await offerAlert(alert, enqueueOptions);
        if (outcome.accepted) return { jobId: outcome.jobId };
        if (Date.now() + outcome.retryAfterMs > deadline) {
          throw new BackpressureError(outcome.queued, outcome.limit, outcome.retryAfterMs);
        }
        await sleep(outcome.retryAfterMs);
      }
    },
    async decide(approvalId, decision) {
      const data: DecisionJobData = {
        kind: 'decision',
        tenantId: decision.tenantId,
        approvalId,
        approved: decision.approved,
        by: decision.by,
        ...(decision.roles !== undefined && { roles: [...decision.roles] }),
        ...(decision.rationale !== undefined && { rationale: decision.rationale }),
        enqueuedAt: Date.now(),
      };
      // One decision per approval: a second click on "approve" finds the job already there.
      const jobId = jobIdOf('decision', decision.tenantId, approvalId);
      await queue.add('decision', data, { ...jobOptions, jobId, priority: decisionPriority });
      return { jobId };
    },
    async resume(runId, { tenantId }) {
      const jobId = jobIdOf('resume', tenantId, [runId, Date.now()]);
      await queue.add(
        'resume',
        { kind: 'resume', tenantId, runId, enqueuedAt: Date.now() },
        { ...jobOptions, jobId, priority: decisionPriority },
      );
      return { jobId };
    },
    async counts() {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed');
      return {
        queued: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        deadLettered: await deadLetterQueue.getWaitingCount(),
      };
    },
    async deadLetters() {
      const jobs = await deadLetterQueue.getWaiting(0, -1);
      return jobs
        .map((job) => parseOrThrow(DeadLetter, job.data, `dead letter ${job.id}`))
        .sort((a, b) => a.failedAt - b.failedAt);
    },
    async close() {
      await Promise.all([queue.close(), deadLetterQueue.close()]);
    },
  };
}
