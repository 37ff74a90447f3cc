import { z } from 'zod';

const tenantId = z.string().min(1).max(200);

/** An alert to ingest and work; `enqueuedAt` (epoch ms) measures alert-to-case latency. */
export const AlertJobData = z.object({
  kind: z.literal('alert'),
  tenantId,
  alert: z.unknown(),
  enqueuedAt: z.number().int().nonnegative(),
});
export type AlertJobData = z.infer<typeof AlertJobData>;

/** An analyst's decision on a paused call: whichever worker takes it resumes the run. */
export const DecisionJobData = z.object({
  kind: z.literal('decision'),
  tenantId,
  approvalId: z.string().min(1),
  approved: z.boolean(),
  by: z.string().min(1),
  /** The decider's roles, checked against the role the approval needs (e.g. `soc-lead`). */
  roles: z.array(z.string().min(1)).optional(),
  rationale: z.string().optional(),
  enqueuedAt: z.number().int().nonnegative(),
});
export type DecisionJobData = z.infer<typeof DecisionJobData>;

/** Goes on with a run that was interrupted, e.g. found `running` after an outage. */
export const ResumeJobData = z.object({
  kind: z.literal('resume'),
  tenantId,
  runId: z.string().min(1),
  enqueuedAt: z.number().int().nonnegative(),
});
export type ResumeJobData = z.infer<typeof ResumeJobData>;

export const RunnerJobData = z.discriminatedUnion('kind', [AlertJobData, DecisionJobData, ResumeJobData]);
export type RunnerJobData = z.infer<typeof RunnerJobData>;

/** What a worker returns for a job (kept by BullMQ as the job's return value). */
export const RunnerJobResult = z.object({
  tenantId,
  caseId: z.string(),
  status: z.string(),
  /** Approvals the case now waits for: decide them with `RunnerProducer.decide`. */
  pendingApprovalIds: z.array(z.string()),
  /** Enqueued to the alert's first write into its case, milliseconds (alert jobs only). */
  alertToCaseMs: z.number().optional(),
  /** Enqueued to the job's end, milliseconds. */
  totalMs: z.number(),
  worker: z.string(),
});
export type RunnerJobResult = z.infer<typeof RunnerJobResult>;

/** A job that failed for good, kept with why. */
export const DeadLetter = z.object({
  jobId: z.string(),
  data: z.unknown(),
  reason: z.string(),
  errorName: z.string(),
  /** How many times the job was tried, this last failure included. */
  attempts: z.number().int().positive(),
  failedAt: z.number().int().nonnegative(),
  worker: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;
