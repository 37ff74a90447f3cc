import { z } from 'zod';
import { SeverityId } from '../alerts/severity.js';
import { CaseStatus } from './lifecycle.js';

import { Risk } from '../tools/risk.js';

export const Verdict = z.enum(['true_positive', 'benign', 'false_positive', 'undetermined']);
export type Verdict = z.infer<typeof Verdict>;

/** Who did something: the engine itself, an agent, a human analyst, or a connector. */
export const Actor = z.object({
  type: z.enum(['system', 'agent', 'analyst', 'connector']),
  id: z.string().min(1),
});
export type Actor = z.infer<typeof Actor>;

const entryBase = {
  id: z.string().min(1),
  caseId: z.string().min(1),
  /** Epoch milliseconds. */
  at: z.number().int().nonnegative(),
  actor: Actor,
  /** Index of the audit leaf that records this entry, once appended. */
  auditLeafIndex: z.number().int().nonnegative().optional(),
};

const entry = <T extends string, S extends z.ZodRawShape>(type: T, data: S) =>
  z.object({ ...entryBase, type: z.literal(type), data: z.object(data) });

/** A typed, human-readable record of one thing that happened on a case. */
export const TimelineEntry = z.discriminatedUnion('type', [
  entry('alert-added', {
    alertId: z.string(),
    title: z.string(),
    severityId: SeverityId,
    entities: z.array(z.string()),
  }),
  entry('tool-call', {
    tool: z.string(),
    risk: Risk,
    input: z.unknown(),
    outputSummary: z.string().optional(),
    status: z.enum(['executed', 'failed', 'denied', 'pending-approval']),
    durationMs: z.number().nonnegative().optional(),
    rateLimitWaitMs: z.number().nonnegative().optional(),
    idempotencyKey: z.string().optional(),
    error: z.string().optional(),
  }),
  entry('reasoning', { summary: z.string() }),
  entry('verdict-set', {
    verdict: Verdict,
    confidence: z.number().min(0).max(1),
    rationale: z.string().optional(),
    previous: Verdict.optional(),
  }),
  entry('approval-requested', {
    approvalId: z.string(),
    tool: z.string(),
    risk: Risk,
    reason: z.string(),
  }),
  entry('approval-decided', {
    approvalId: z.string(),
    decision: z.enum(['approved', 'denied']),
    rationale: z.string().optional(),
  }),
  entry('escalation', { reason: z.string(), to: z.string().optional() }),
  entry('feedback', {
    kind: z.enum(['verdict-confirmed', 'verdict-overridden', 'comment']),
    verdict: Verdict.optional(),
    rationale: z.string().optional(),
  }),
  entry('status-changed', { from: CaseStatus, to: CaseStatus, reason: z.string().optional() }),
  entry('severity-changed', { from: SeverityId, to: SeverityId, reason: z.string().optional() }),
  entry('assignee-changed', { from: z.string().nullable(), to: z.string().nullable() }),
  entry('case-merged', {
    /** The case that absorbed the other. */
    intoCaseId: z.string(),
    /** The case that was absorbed and closed. */
    fromCaseId: z.string(),
    alertIds: z.array(z.string()),
  }),
  entry('alert-moved', { alertId: z.string(), fromCaseId: z.string(), toCaseId: z.string() }),
  /** The threat was contained: the milestone the time-to-contain SLA measures. */
  entry('case-contained', { reason: z.string().optional() }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type TimelineEntryType = TimelineEntry['type'];
/** The `data` payload of one entry type, e.g. `TimelineData<'tool-call'>`. */
export type TimelineData<T extends TimelineEntryType> = Extract<TimelineEntry, { type: T }>['data'];
