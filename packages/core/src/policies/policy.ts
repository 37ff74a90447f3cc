import { z } from 'zod';
import { RampartError } from '../errors.js';
import { Risk } from '../tools/risk.js';
import { parseOrThrow } from '../validation.js';
import { type Governance, GovernanceLabel, type GovernanceMatch } from './governance.js';

/**
 * Governance policies: small, versioned rules the gate evaluates in code for every tool call, after the agent's
 * own boundary. A policy never widens authority: it can only let a call through unchanged, hold it for a human's
 * approval, or refuse it. Most policies are data (`definePolicy` with a `PolicyRule`); a host that needs logic
 * writes `evaluate` itself.
 */

/** Everything a policy may look at for one proposed call. */
export interface PolicyCallContext {
  /** The tenant the call is made for (the run's and the case's tenant). */
  tenantId: string;
  agent: { name: string; role: string };
  tool: {
    name: string;
    risk: Risk;
    capabilities: readonly string[];
    /** The tenant the tool's connector is bound to, when it is bound to one. */
    tenantId?: string;
    connectorId?: string;
  };
  /** The input after the tool's schema parsed it. */
  input: unknown;
  /** Every string in `input` (see `valuesOf`), for matching against governance. */
  inputValues: readonly string[];
  case: { id: string; tenantId: string; entities: readonly string[]; severityId?: number };
  governance: Governance;
}

export type PolicyDecision =
  | { effect: 'allow' }
  | { effect: 'require-approval'; reason: string; approverRole?: string }
  | { effect: 'deny'; reason: string };
export type PolicyEffect = PolicyDecision['effect'];

export interface Policy {
  /** kebab-case, stable; recorded with `version` on the timeline and in the audit log. */
  readonly id: string;
  /** Raised whenever the rule's meaning changes, so an audited decision names the rule that made it. */
  readonly version: number;
  readonly description: string;
  /** The rule, for policies made by `definePolicy`: data a policy test runner can show and compare. */
  readonly rule?: PolicyRule;
  evaluate(context: PolicyCallContext): PolicyDecision;
}

/** When a rule applies to a call it matched. */
export const PolicyCondition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('always') }),
  /** The input names a value governance labels with one of `labels`. */
  z.strictObject({ type: z.literal('input-names'), labels: z.array(GovernanceLabel).min(1) }),
  /** The tool is bound to another tenant than the call's, or the case belongs to another tenant. */
  z.strictObject({ type: z.literal('tenant-mismatch') }),
]);
export type PolicyCondition = z.infer<typeof PolicyCondition>;

/** Which calls a rule looks at. Every field given must match; an empty match takes every call. */
export const PolicyMatch = z.strictObject({
  tools: z.array(z.string()).optional(),
  /** The tool has at least one of these capabilities. */
  capabilities: z.array(z.string()).optional(),
  /** The tool's risk is one of these. */
  risks: z.array(Risk).optional(),
  exceptTools: z.array(z.string()).optional(),
  /** Calls of tools with any of these capabilities are left alone. */
  exceptCapabilities: z.array(z.string()).optional(),
});
export type PolicyMatch = z.infer<typeof PolicyMatch>;

export const PolicyRule = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'kebab-case, starting with a letter (64 at most)'),
  version: z.number().int().positive(),
  description: z.string().refine((text) => text.trim().length >= 10, 'a description a reviewer can read'),
  match: PolicyMatch.default({}),
  when: PolicyCondition,
  effect: z.enum(['require-approval', 'deny']),
  /** One sentence for the timeline; the governed values found are appended. */
  reason: z.string().min(1),
  /** Who must approve (`require-approval` only), e.g. `soc-lead`. */
  approverRole: z.string().min(1).optional(),
});
export type PolicyRule = z.infer<typeof PolicyRule>;
export type PolicyRuleInput = z.input<typeof PolicyRule>;

function matches(match: PolicyMatch, tool: PolicyCallContext['tool']): boolean {
  if (match.tools && !match.tools.includes(tool.name)) return false;
  if (match.capabilities && !match.capabilities.some((capability) => tool.capabilities.includes(capability))) {
    return false;
  }
  if (match.risks && !match.risks.includes(tool.risk)) return false;
  if (match.exceptTools?.includes(tool.name)) return false;
  if (match.exceptCapabilities?.some((capability) => tool.capabilities.includes(capability))) return false;
  return true;
}

function describeMatches(found: readonly GovernanceMatch[]): string {
  return found.map((match) => `${match.entry} (${match.label})`).join(', ');
}

/** What the condition found, or `null` when it does not hold. */
function conditionHolds(condition: PolicyCondition, context: PolicyCallContext): string | null {
  switch (condition.type) {
    case 'always':
      return '';
    case 'input-names': {
      const found = context.governance
        .match(context.inputValues)
        .filter((match) => condition.labels.includes(match.label));
      return found.length === 0 ? null : describeMatches(found);
    }
    case 'tenant-mismatch': {
      if (context.case.tenantId !== context.tenantId) {
        return `case ${context.case.id} belongs to tenant "${context.case.tenantId}", the call is for "${context.tenantId}"`;
      }
      if (context.tool.tenantId !== undefined && context.tool.tenantId !== context.tenantId) {
        return `${context.tool.name} is bound to tenant "${context.tool.tenantId}", the call is for "${context.tenantId}"`;
      }
      return null;
    }
  }
}

/** Validates a rule and turns it into a `Policy`. Throws a `ValidationError` naming every bad path. */
export function definePolicy(rule: PolicyRuleInput): Policy {
  const parsed = parseOrThrow(PolicyRule, rule, `policy ${typeof rule?.id === 'string' ? rule.id : ''}`.trim());
  if (parsed.approverRole !== undefined && parsed.effect !== 'require-approval') {
    throw new RampartError(`Policy ${parsed.id}: approverRole only applies to effect "require-approval"`);
  }
  return Object.freeze({
    id: parsed.id,
    version: parsed.version,
    description: parsed.description,
    rule: parsed,
    evaluate(context: PolicyCallContext): PolicyDecision {
      if (!matches(parsed.match, context.tool)) return { effect: 'allow' };
      const found = conditionHolds(parsed.when, context);
      if (found === null) return { effect: 'allow' };
      const reason = found === '' ? parsed.reason : `${parsed.reason}: ${found}`;
      if (parsed.effect === 'deny') return { effect: 'deny', reason };
      return {
        effect: 'require-approval',
        reason,
        ...(parsed.approverRole !== undefined && { approverRole: parsed.approverRole }),
      };
    },
  });
}

/** The decision of one policy that did not simply allow. */
export interface PolicyResult {
  policyId: string;
  version: number;
  effect: Exclude<PolicyEffect, 'allow'>;
  reason: string;
  approverRole?: string;
}

/** All policies together: the strictest effect wins (deny, then require-approval, then allow). */
export interface PolicyEvaluation {
  effect: PolicyEffect;
  /** Every policy that did not allow, in evaluation order. Empty for a plain allow. */
  results: PolicyResult[];
}

/**
 * Evaluates every policy against the call. A policy that throws counts as a deny (fail closed): a broken rule
 * must never let a call through.
 */
export function evaluatePolicies(policies: readonly Policy[], context: PolicyCallContext): PolicyEvaluation {
  const results: PolicyResult[] = [];
  for (const policy of policies) {
    let decision: PolicyDecision;
    try {
      decision = policy.evaluate(context);
    } catch (error) {
      decision = {
        effect: 'deny',
        reason: `policy failed to evaluate (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    if (decision.effect === 'allow') continue;
    results.push({
      policyId: policy.id,
      version: policy.version,
      effect: decision.effect,
      reason: decision.reason,
      ...(decision.effect === 'require-approval' &&
        decision.approverRole !== undefined && { approverRole: decision.approverRole }),
    });
  }
  const effect: PolicyEffect = results.some((result) => result.effect === 'deny')
    ? 'deny'
    : results.length > 0
      ? 'require-approval'
      : 'allow';
  return { effect, results };
}
