import { z } from 'zod';
import { type AnyTool, isTool } from '../tools/define-tool.js';
import { Risk, riskRank } from '../tools/risk.js';
import { parseOrThrow } from '../validation.js';
import { DecisionBoundary, type DecisionBoundaryInput, ToolName } from './boundary.js';
import {
  DataAccess,
  type DataAccessInput,
  type DataReadScope,
  type DataWriteScope,
  readScopeOf,
} from './data-access.js';
import { EscalationPolicy } from './escalation.js';

/**
 * An agent is declared, not scripted: a role, instructions, the tools it may call, the data it may read and
 * write, a decision boundary, and when to escalate. This module holds the contract and its validation only;
 * the loop that runs agents (and the gate that enforces the boundary) lives in `@rampart/agents`.
 */

/** The stage of the case lifecycle an agent works in; `supervisor` routes work between the others. */
export const agentRoles = ['triage', 'investigation', 'response', 'resolution', 'supervisor'] as const;
export const AgentRole = z.enum(agentRoles);
export type AgentRole = z.infer<typeof AgentRole>;

const agentNamePattern = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

const ToolReference = z.union([
  ToolName,
  z.custom<AnyTool>(isTool, { message: 'a tool name or a Tool from defineTool' }),
]);

export const AgentSpecSchema = z
  .strictObject({
    /** Unique within a deployment; recorded as the actor id on timelines and audit leaves. */
    name: z.string().regex(agentNamePattern, 'a letter, then letters, digits, "-" or "_" (64 at most)'),
    role: AgentRole,
    /** The system prompt: what the agent is for, how to work, what a good result is. */
    instructions: z
      .string()
      .refine((text) => text.trim().length >= 10, 'instructions a model can act on (10 characters or more)'),
    /** Tool names, or `Tool` objects (their risk then travels with the agent and is checked at the gate). */
    tools: z.array(ToolReference),
    data: DataAccess,
    boundary: DecisionBoundary,
    escalation: EscalationPolicy,
  })
  .superRefine((spec, context) => {
    const firstIndex = new Map<string, number>();
    spec.tools.forEach((reference, index) => {
      const name = typeof reference === 'string' ? reference : reference.name;
      const first = firstIndex.get(name);
      if (first === undefined) firstIndex.set(name, index);
      else
        context.addIssue({
          code: 'custom',
          path: ['tools', index],
          message: `"${name}" is already listed at tools[${first}]`,
        });
    });
    spec.data.write.forEach((scope, index) => {
      const needed = readScopeOf(scope);
      if (!spec.data.read.includes(needed)) {
        context.addIssue({
          code: 'custom',
          path: ['data', 'write', index],
          message: `writing "${scope}" needs "${needed}" in data.read`,
        });
      }
    });
    if (spec.escalation.target.type === 'agent' && spec.escalation.target.id === spec.name) {
      context.addIssue({
        code: 'custom',
        path: ['escalation', 'target', 'id'],
        message: 'an agent cannot escalate to itself',
      });
    }
    const seenTriggers = new Map<string, number>();
    spec.escalation.conditions.forEach((condition, index) => {
      const first = seenTriggers.get(condition.when);
      if (first === undefined) seenTriggers.set(condition.when, index);
      else {
        context.addIssue({
          code: 'custom',
          path: ['escalation', 'conditions', index],
          message: `"${condition.when}" is already a condition at escalation.conditions[${first}]`,
        });
      }
    });
  });

/** What `defineAgent` takes. */
export interface AgentSpec {
  name: string;
  role: AgentRole;
  instructions: string;
  tools: ReadonlyArray<string | AnyTool>;
  data: DataAccessInput;
  boundary: DecisionBoundaryInput;
  escalation: EscalationPolicy;
}

/** A validated, frozen agent declaration. */
export interface Agent {
  readonly name: string;
  readonly role: AgentRole;
  readonly instructions: string;
  /** Every tool the agent may call, by name, in declared order. */
  readonly tools: readonly string[];
  /** The tools that were given as `Tool` objects, by name. */
  readonly toolDefinitions: Readonly<Record<string, AnyTool>>;
  readonly data: { readonly read: readonly DataReadScope[]; readonly write: readonly DataWriteScope[] };
  readonly boundary: Readonly<Omit<DecisionBoundary, 'forbiddenTools'>> & {
    readonly forbiddenTools: readonly string[];
  };
  readonly escalation: Readonly<EscalationPolicy>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Declares an agent. Validates the spec (unknown keys are errors, so a typo never silently widens or drops a
 * limit) and returns a frozen `Agent`. Throws a `ValidationError` naming every bad path, e.g.
 * `boundary.approvalUpTo`, `tools[2]`, `data.write[0]`, `escalation.conditions[1].threshold`.
 */
export function defineAgent(spec: AgentSpec): Agent {
  const subject = typeof spec?.name === 'string' && spec.name.length > 0 ? `agent ${spec.name}` : 'agent';
  const parsed = parseOrThrow(AgentSpecSchema, spec, subject);
  const toolDefinitions: Record<string, AnyTool> = {};
  const tools = parsed.tools.map((reference) => {
    if (typeof reference === 'string') return reference;
    toolDefinitions[reference.name] = reference;
    return reference.name;
  });
  const agent: Agent = {
    name: parsed.name,
    role: parsed.role,
    instructions: parsed.instructions,
    tools,
    toolDefinitions: Object.freeze(toolDefinitions),
    data: { read: [...new Set(parsed.data.read)], write: [...new Set(parsed.data.write)] },
    boundary: { ...parsed.boundary, forbiddenTools: [...new Set(parsed.boundary.forbiddenTools)] },
    escalation: parsed.escalation,
  };
  // Tool objects are frozen by defineTool; freeze everything else, but never walk into a tool.
  deepFreeze({ ...agent, toolDefinitions: undefined });
  return Object.freeze(agent);
}

/** The tool as the boundary sees it: a `Tool`, or its name and risk. */
export interface ToolRiskReference {
  readonly name: string;
  readonly risk: Risk;
}

/** Why a call was allowed, held for approval, or refused. */
export type BoundaryDecisionCode =
  | 'within-autonomy'
  | 'within-approval'
  | 'tool-not-granted'
  | 'tool-forbidden'
  | 'risk-mismatch'
  | 'invalid-risk'
  | 'above-boundary'
  | 'step-limit'
  | 'tool-call-limit';

export interface BoundaryDecision {
  decision: 'allow' | 'needs-approval' | 'refuse';
  code: BoundaryDecisionCode;
  /** One sentence for the timeline and for the model. */
  reason: string;
}

/** What the run has used so far; the limits refuse further calls once reached. */
export interface BoundaryUsage {
  /** Model turns taken, including the current one. */
  steps?: number;
  /** Tool calls already made (this call not included). */
  toolCalls?: number;
}

const refuse = (code: BoundaryDecisionCode, reason: string): BoundaryDecision => ({ decision: 'refuse', code, reason });

/**
 * Whether `agent` may call `tool` now: `allow` (run it), `needs-approval` (pause for a human), or `refuse`.
 * A pure function of the declaration (and optional usage), so the gate's answer is reproducible from the
 * audit log. Checks in order: the tool is granted; not forbidden; its risk is a known risk and matches the
 * declared `Tool` when one was given; the step and tool-call limits; then the risk against the boundary.
 */
export function boundaryDecision(agent: Agent, tool: ToolRiskReference, usage: BoundaryUsage = {}): BoundaryDecision {
  const name = tool.name;
  if (!agent.tools.includes(name)) {
    return refuse('tool-not-granted', `${agent.name} has no tool "${name}"`);
  }
  if (agent.boundary.forbiddenTools.includes(name)) {
    return refuse('tool-forbidden', `"${name}" is forbidden to ${agent.name}`);
  }
  if (!Risk.safeParse(tool.risk).success) {
    return refuse('invalid-risk', `"${name}" has no valid risk (${JSON.stringify(tool.risk)})`);
  }
  const declared = agent.toolDefinitions[name];
  if (declared !== undefined && declared.risk !== tool.risk) {
    return refuse('risk-mismatch', `"${name}" is declared with risk ${declared.risk} but was called as ${tool.risk}`);
  }
  const { maxSteps, maxToolCalls } = agent.boundary;
  if (usage.steps !== undefined && usage.steps > maxSteps) {
    return refuse('step-limit', `${agent.name} has used its ${maxSteps} steps`);
  }
  if (maxToolCalls !== undefined && usage.toolCalls !== undefined && usage.toolCalls >= maxToolCalls) {
    return refuse('tool-call-limit', `${agent.name} has made its ${maxToolCalls} tool calls`);
  }
  const rank = riskRank(tool.risk);
  const { autonomousUpTo, approvalUpTo } = agent.boundary;
  if (rank <= riskRank(autonomousUpTo)) {
    return {
      decision: 'allow',
      code: 'within-autonomy',
      reason: `${tool.risk} is within ${agent.name}'s autonomy (up to ${autonomousUpTo})`,
    };
  }
  if (approvalUpTo !== null && rank <= riskRank(approvalUpTo)) {
    return {
      decision: 'needs-approval',
      code: 'within-approval',
      reason: `${tool.risk} is above ${agent.name}'s autonomy (${autonomousUpTo}) and needs approval (up to ${approvalUpTo})`,
    };
  }
  return refuse(
    'above-boundary',
    `${tool.risk} is above everything ${agent.name} may do (${approvalUpTo === null ? `alone up to ${autonomousUpTo}, no approvals` : `approval up to ${approvalUpTo}`})`,
  );
}

/** Whether the agent may read `scope`. */
export function canRead(agent: Agent, scope: DataReadScope): boolean {
  return agent.data.read.includes(scope);
}

/** Whether the agent may write `scope`. */
export function canWrite(agent: Agent, scope: DataWriteScope): boolean {
  return agent.data.write.includes(scope);
}
