import { z } from 'zod';
import { SeverityId } from '../alerts/severity.js';
import { CaseStatus } from './lifecycle.js';
import { Verdict } from './timeline.js';

export const CaseVerdict = z.object({
  value: Verdict,
  /** 0..1 */
  confidence: z.number().min(0).max(1),
  decidedBy: z.object({ type: z.enum(['system', 'agent', 'analyst']), id: z.string() }),
  at: z.number().int().nonnegative(),
  rationale: z.string().optional(),
});
export type CaseVerdict = z.infer<typeof CaseVerdict>;

/** Milestones the SLA timers measure from `createdAt`. */
export const CaseMilestones = z.object({
  triagedAt: z.number().int().nonnegative().optional(),
  containedAt: z.number().int().nonnegative().optional(),
  resolvedAt: z.number().int().nonnegative().optional(),
});

export const Case = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  title: z.string(),
  status: CaseStatus,
  severityId: SeverityId,
  verdict: CaseVerdict.nullable(),
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  alertIds: z.array(z.string()),
  /** Canonical entity keys (`kind:value`) seen on the case's alerts. */
  entities: z.array(z.string()),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  firstAlertAt: z.number().int().nonnegative(),
  lastAlertAt: z.number().int().nonnegative(),
  milestones: CaseMilestones,
  /** Set when this case was merged into another and closed. */
  mergedInto: z.string().nullable(),
  /** Incremented on every write; stores reject stale writes with a `ConflictError`. */
  version: z.number().int().nonnegative(),
});
export type Case = z.infer<typeof Case>;

export interface SlaTargets {
  timeToTriageMs: number;
  timeToContainMs: number;
  timeToResolveMs: number;
}

export interface SlaTimer {
  elapsedMs: number;
  targetMs: number;
  met: boolean | null;
  breached: boolean;
}

/** Elapsed time to each milestone (or until `now` while pending) against its target. */
export function slaTimers(
  record: Case,
  targets: SlaTargets,
  now: number,
): { triage: SlaTimer; contain: SlaTimer; resolve: SlaTimer } {
  const timer = (reachedAt: number | undefined, targetMs: number): SlaTimer => {
    const elapsedMs = (reachedAt ?? now) - record.createdAt;
    return {
      elapsedMs,
      targetMs,
      met: reachedAt === undefined ? null : elapsedMs <= targetMs,
      breached: elapsedMs > targetMs,
    };
  };
  return {
    triage: timer(record.milestones.triagedAt, targets.timeToTriageMs),
    contain: timer(record.milestones.containedAt, targets.timeToContainMs),
    resolve: timer(record.milestones.resolvedAt, targets.timeToResolveMs),
  };
}
