import { z } from 'zod';
import { SeverityId } from '../alerts/severity.js';
import { Verdict } from '../cases/timeline.js';

/** When an agent must hand the case to someone else instead of continuing alone. */
export const EscalationCondition = z.discriminatedUnion('when', [
  /** The agent's confidence in its verdict is below `threshold` (0..1). */
  z.strictObject({ when: z.literal('confidence-below'), threshold: z.number().gt(0).max(1) }),
  /** The case's OCSF severity is `severityId` or higher. */
  z.strictObject({ when: z.literal('severity-at-least'), severityId: SeverityId.min(1) }),
  /** A tool call was refused by the boundary or a policy, or an approval was denied. */
  z.strictObject({ when: z.literal('tool-denied') }),
  /** The agent used its `maxSteps` or `maxToolCalls` without finishing. */
  z.strictObject({ when: z.literal('limit-reached') }),
  /** The agent reached one of these verdicts (for example: every true positive goes to a human). */
  z.strictObject({ when: z.literal('verdict-is'), verdicts: z.array(Verdict).min(1) }),
]);
export type EscalationCondition = z.infer<typeof EscalationCondition>;
export type EscalationTrigger = EscalationCondition['when'];

/** Who receives an escalation: an analyst, a queue (team), or another agent. */
export const EscalationTarget = z.strictObject({
  type: z.enum(['analyst', 'queue', 'agent']),
  id: z.string().min(1),
});
export type EscalationTarget = z.infer<typeof EscalationTarget>;

export const EscalationPolicy = z.strictObject({
  conditions: z.array(EscalationCondition).min(1),
  target: EscalationTarget,
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;

/** What the runtime knows at a decision point; absent facts match no condition. */
export interface EscalationFacts {
  confidence?: number;
  severityId?: SeverityId;
  toolDenied?: boolean;
  limitReached?: boolean;
  verdict?: Verdict;
}

export interface EscalationDecision {
  target: EscalationTarget;
  /** The conditions that matched, in the policy's order. */
  conditions: EscalationCondition[];
  /** One line for the timeline, e.g. `confidence 0.4 is below 0.7; severity 5 is at least 4`. */
  reason: string;
}

function describeMatch(condition: EscalationCondition, facts: EscalationFacts): string | null {
  switch (condition.when) {
    case 'confidence-below':
      return facts.confidence !== undefined && facts.confidence < condition.threshold
        ? `confidence ${facts.confidence} is below ${condition.threshold}`
        : null;
    case 'severity-at-least':
      return facts.severityId !== undefined && facts.severityId >= condition.severityId
        ? `severity ${facts.severityId} is at least ${condition.severityId}`
        : null;
    case 'tool-denied':
      return facts.toolDenied === true ? 'a tool call was denied' : null;
    case 'limit-reached':
      return facts.limitReached === true ? 'the step or tool-call limit was reached' : null;
    case 'verdict-is':
      return facts.verdict !== undefined && condition.verdicts.includes(facts.verdict)
        ? `the verdict is ${facts.verdict}`
        : null;
  }
}

/** Whether a policy says to escalate given `facts`, and to whom and why; `null` when no condition matches. */
export function escalationFor(policy: EscalationPolicy, facts: EscalationFacts): EscalationDecision | null {
  const conditions: EscalationCondition[] = [];
  const reasons: string[] = [];
  for (const condition of policy.conditions) {
    const reason = describeMatch(condition, facts);
    if (reason === null) continue;
    conditions.push(condition);
    reasons.push(reason);
  }
  if (conditions.length === 0) return null;
  return { target: policy.target, conditions, reason: reasons.join('; ') };
}
