import {
  type Agent,
  type BoundaryUsage,
  boundaryDecision,
  evaluatePolicies,
  type Governance,
  idempotencyKeyOf,
  issuesOf,
  type Policy,
  type PolicyCallContext,
  type PolicyResult,
  tenantIsolationPolicy,
  valuesOf,
} from '@rampart/core';
import type { RegisteredTool, ToolRegistry } from './tool-registry.js';

/** Which check refused a call. */
export type GateDenialCode =
  | 'unknown-tool'
  | 'tool-not-granted'
  | 'tool-forbidden'
  | 'risk-mismatch'
  | 'invalid-risk'
  | 'step-limit'
  | 'tool-call-limit'
  | 'above-boundary'
  | 'tenant-mismatch'
  | 'invalid-input'
  | 'policy'
  | 'scope'
  | 'approval-denied';

export interface GateCall {
  name: string;
  arguments: unknown;
}

export interface GateCase {
  id: string;
  tenantId: string;
  /** Canonical entity keys of the case. */
  entities: readonly string[];
  severityId?: number;
}

export interface GateRequest {
  agent: Agent;
  call: GateCall;
  /** The tenant the run works for. */
  tenantId: string;
  case: GateCase;
  governance: Governance;
  usage?: BoundaryUsage;
  /** A human approved this very call: approval requirements are met. Refusals still refuse. */
  approved?: boolean;
}

interface Checked {
  tool: RegisteredTool;
  /** The input after the tool's schema parsed it. */
  input: unknown;
  /** Set for every call that changes something (risk above `read`). */
  idempotencyKey?: string;
  /** Every policy that did not simply allow. */
  policies: PolicyResult[];
  reason: string;
}

export type GateDecision =
  | ({ outcome: 'allow' } & Checked)
  | ({ outcome: 'needs-approval'; approverRole?: string } & Checked)
  | {
      outcome: 'deny';
      code: GateDenialCode;
      reason: string;
      tool?: RegisteredTool;
      input?: unknown;
      policies: PolicyResult[];
    };

export interface ToolGate {
  check(request: GateRequest): GateDecision;
}

export interface GateOptions {
  registry: ToolRegistry;
  /** Governance policies; `tenantIsolationPolicy` is always applied first, whether listed or not. */
  policies: readonly Policy[];
}

// Free-text members (a reason, a comment) do not make a containment a different action.
const freeTextMember = /^(reason|comment|comments|note|notes|justification|description|summary|message|text)$/i;

/**
 * What identifies an action for its idempotency key: the whole input, except that for containment and destructive
 * actions the free-text members are left out, so a retried "contain host h-1 because …" with other words is still
 * the same containment of h-1.
 */
export function actionIdentity(tool: RegisteredTool, input: unknown): unknown {
  if (tool.tool.risk === 'write' || typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).filter(([key]) => !freeTextMember.test(key)));
}

function toolOf(agent: Agent, registry: ToolRegistry, name: string): RegisteredTool | undefined {
  const registered = registry.get(name);
  if (registered !== undefined) return registered;
  const declared = agent.toolDefinitions[name];
  return declared === undefined ? undefined : { name, tool: declared, originalName: name };
}

/**
 * The gate: every call a model proposes passes here, in code, before anything reaches a vendor. Checks, in
 * order, stopping at the first refusal:
 *
 * 1. the tool exists under exactly that name (no case folding or trimming: `ContainHost ` is not `containHost`);
 * 2. the agent's boundary (`boundaryDecision`): the tool is granted and not forbidden, its risk is what the agent
 *    was declared with, the step and tool-call limits, and the risk against what it may do alone or with approval;
 * 3. tenant isolation: the case is the run's tenant's, and a tool bound to a tenant is bound to that one;
 * 4. the input parses with the tool's schema;
 * 5. the governance policies, on the parsed input.
 *
 * A refusal anywhere refuses; otherwise the call needs approval when the boundary or any policy says so (unless
 * `approved`), and is allowed when neither does. The model's text never reaches this function, only its call.
 */
export function createGate(options: GateOptions): ToolGate {
  const policies = [
    tenantIsolationPolicy,
    ...options.policies.filter((policy) => policy.id !== tenantIsolationPolicy.id),
  ];
  return {
    check(request) {
      const { agent, call, tenantId } = request;
      const tool = toolOf(agent, options.registry, call.name);
      if (tool === undefined) {
        return { outcome: 'deny', code: 'unknown-tool', reason: `There is no tool named "${call.name}"`, policies: [] };
      }
      const boundary = boundaryDecision(agent, { name: tool.name, risk: tool.tool.risk }, request.usage);
      if (boundary.decision === 'refuse') {
        return { outcome: 'deny', code: boundary.code as GateDenialCode, reason: boundary.reason, tool, policies: [] };
      }
      const context = (input: unknown): PolicyCallContext => ({
        tenantId,
        agent: { name: agent.name, role: agent.role },
        tool: {
          name: tool.name,
          risk: tool.tool.risk,
          capabilities: tool.tool.capabilities,
          ...(tool.tenantId !== undefined && { tenantId: tool.tenantId }),
          ...(tool.connectorId !== undefined && { connectorId: tool.connectorId }),
        },
        input,
        inputValues: valuesOf(input),
        case: request.case,
        governance: request.governance,
      });
      const isolation = evaluatePolicies([tenantIsolationPolicy], context(undefined));
      if (isolation.effect !== 'allow') {
        return {
          outcome: 'deny',
          code: 'tenant-mismatch',
          reason: isolation.results.map((result) => result.reason).join('; '),
          tool,
          policies: isolation.results,
        };
      }
      const parsed = tool.tool.input.safeParse(call.arguments);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error)
          .map((issue) => `${issue.path || '(root)'}: ${issue.message}`)
          .join('; ');
        return {
          outcome: 'deny',
          code: 'invalid-input',
          reason: `Invalid input for ${tool.name}: ${issues}`,
          tool,
          policies: [],
        };
      }
      const input: unknown = parsed.data;
      const evaluation = evaluatePolicies(policies, context(input));
      if (evaluation.effect === 'deny') {
        return {
          outcome: 'deny',
          code: 'policy',
          reason: evaluation.results
            .filter((result) => result.effect === 'deny')
            .map((result) => `${result.reason} (policy ${result.policyId}@${result.version})`)
            .join('; '),
          tool,
          input,
          policies: evaluation.results,
        };
      }
      const checked: Checked = {
        tool,
        input,
        policies: evaluation.results,
        reason: boundary.reason,
        ...(tool.tool.risk !== 'read' && {
          idempotencyKey: idempotencyKeyOf({
            tenantId,
            caseId: request.case.id,
            tool: tool.name,
            input: actionIdentity(tool, input),
          }),
        }),
      };
      const needsApproval = boundary.decision === 'needs-approval' || evaluation.effect === 'require-approval';
      if (!needsApproval || request.approved === true) return { outcome: 'allow', ...checked };
      const reasons = [
        ...(boundary.decision === 'needs-approval' ? [boundary.reason] : []),
        ...evaluation.results.map((result) => `${result.reason} (policy ${result.policyId}@${result.version})`),
      ];
      const approverRole = evaluation.results.find((result) => result.approverRole !== undefined)?.approverRole;
      return {
        outcome: 'needs-approval',
        ...checked,
        reason: reasons.join('; '),
        ...(approverRole !== undefined && { approverRole }),
      };
    },
  };
}
