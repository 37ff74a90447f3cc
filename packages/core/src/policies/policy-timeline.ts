import type { AuditEvent } from '../audit/audit-event.js';
import type { Actor, TimelineEntry } from '../cases/timeline.js';
import type { PolicyEvaluation } from './policy.js';

export interface PolicyEvaluationContext {
  /** The timeline entry's id (from the run's `IdSource`). */
  id: string;
  tenantId: string;
  caseId: string;
  at: number;
  /** Who proposed the call: usually the agent. */
  actor: Actor;
  tool: string;
}

/** One sentence: `Policies on containHost: require-approval — critical-asset-containment@1 …`. */
export function describePolicyEvaluation(tool: string, evaluation: PolicyEvaluation): string {
  if (evaluation.results.length === 0) return `Policies on ${tool}: allow (no policy objected)`;
  const parts = evaluation.results.map(
    (result) =>
      `${result.policyId}@${result.version} ${result.effect}${result.approverRole ? ` by ${result.approverRole}` : ''}: ${result.reason}`,
  );
  return `Policies on ${tool}: ${evaluation.effect} — ${parts.join('; ')}`;
}

/**
 * The timeline entry of one policy evaluation, so every evaluation is visible on the case. The timeline has no
 * policy entry type yet, so it is a `reasoning` entry by the system whose summary names each policy and version.
 */
export function policyEvaluationTimelineEntry(
  context: PolicyEvaluationContext,
  evaluation: PolicyEvaluation,
): TimelineEntry {
  return {
    id: context.id,
    caseId: context.caseId,
    at: context.at,
    actor: { type: 'system', id: 'policy-gate' },
    type: 'reasoning',
    data: { summary: describePolicyEvaluation(context.tool, evaluation) },
  };
}

/** The audit event of one policy evaluation: which policies, at which versions, decided what about which call. */
export function policyEvaluationAuditEvent(context: PolicyEvaluationContext, evaluation: PolicyEvaluation): AuditEvent {
  return {
    type: 'policy-evaluated',
    at: context.at,
    tenantId: context.tenantId,
    caseId: context.caseId,
    actor: context.actor,
    data: {
      tool: context.tool,
      effect: evaluation.effect,
      results: evaluation.results.map((result) => ({
        policyId: result.policyId,
        version: result.version,
        effect: result.effect,
        reason: result.reason,
        ...(result.approverRole !== undefined && { approverRole: result.approverRole }),
      })),
    },
  };
}
