import type { Context, Tracer } from '@opentelemetry/api';
import {
  type Actor,
  type Agent,
  type AgentTimelineEntryInput,
  type AnyTool,
  type AuditEvent,
  type AuditSink,
  type Case,
  type CaseEngine,
  type CaseStore,
  type Clock,
  describePolicyEvaluation,
  canWrite,
  describeTools,
  type EvidenceRecord,
  type Governance,
  type IdSource,
  InvalidTransitionError,
  type ModelAdapter,
  type ModelMessage,
  type ModelToolCall,
  type ModelToolDescription,
  NotFoundError,
  type PendingApproval,
  type RunState,
  type RunStore,
  type ToolResultMessage,
  type Verdict,
} from '@rampart/core';
import { ApprovalRequiredError, ApproverRoleError, MaxTurnsExceededError, ToolCallDeniedError } from '../errors.js';
import { caseContextMessage, caseSummary, contextEvidence, summarizeAlert } from './case-context.js';
import {
  type CaseToolName,
  escalateCaseTool,
  isCaseTool,
  resolveCaseTool,
  searchToolsTool,
  setCaseVerdictTool,
} from './case-tools.js';
import { mapConcurrently } from './concurrency.js';
import type { GateDecision, GateDenialCode, ToolGate } from './gate.js';
import { boundedJson, errorMessage, fitsInState, jsonData, summarizeOutput, toolOutputContent } from './run-records.js';
import { type StopCondition, shouldStop } from './stop-conditions.js';
import { inSpan } from './telemetry.js';
import { searchTools } from './tool-search.js';
import type { RegisteredTool, ToolRegistry } from './tool-registry.js';

/** Everything the loop needs, wired once by `createSoc` (or by a host running agents itself). */
export interface AgentRuntime {
  model: ModelAdapter;
  registry: ToolRegistry;
  gate: ToolGate;
  engine: CaseEngine;
  caseStore: CaseStore;
  runs: RunStore;
  audit: AuditSink;
  clock: Clock;
  ids: IdSource;
  tracer: Tracer;
  /** Read-only calls of one step run at most this many at a time. 1 runs them one by one. */
  concurrency: number;
  /** An agent with more tools than this sees `searchTools` and the tools it found instead of all of them. */
  disclosureThreshold: number;
  /** The tenant's governance for one case: static configuration, plus what the context graph says about the case. */
  governanceFor(tenantId: string, caseRecord?: Case): Promise<Governance>;
  /** Told of what the run decides and learns, so a context graph can record it (see `createSoc`'s `graph`). */
  observer?: RunObserver;
  /**
   * Earned autonomy: whether an action the agent's boundary would hold for approval may run without it for this
   * case. Policies that require approval (critical assets, VIPs) still hold the call whatever this says.
   */
  mayActWithoutApproval?(state: RunState, tool: string): Promise<boolean>;
}

/** What a run tells its observer; each hook is awaited, so what it writes is in place before the run goes on. */
export interface RunObserver {
  /** A tool ran (or failed): its evidence record and the audit leaf of the gate's decision to run it. */
  toolRan?(state: RunState, agent: Agent, evidence: EvidenceRecord, auditLeafIndex: number | undefined): Promise<void>;
  /** The agent set the case's verdict. */
  verdictSet?(
    state: RunState,
    agent: Agent,
    verdict: { verdict: Verdict; confidence: number; rationale?: string },
  ): Promise<void>;
  /** An analyst approved or denied a pending action. */
  approvalDecided?(
    state: RunState,
    decision: { tool: string; approved: boolean; by: string; rationale?: string },
  ): Promise<void>;
}

export interface RunAgentOptions {
  /** Ends the run after a step when any condition holds. */
  stopWhen?: readonly StopCondition[];
  /** `pause` (default) returns a paused outcome; `throw` throws `ApprovalRequiredError` (the run is saved paused). */
  onApproval?: 'pause' | 'throw';
  /** `tell-model` (default) answers a refused call with the reason; `throw` throws `ToolCallDeniedError`. */
  onDenied?: 'tell-model' | 'throw';
  /** Parent of the run's span. */
  parent?: Context;
}

export type AgentRunOutcome =
  | { status: 'completed'; state: RunState; finish: 'model-finished' | 'stop-condition' | 'escalated' }
  | { status: 'paused'; state: RunState; approval: PendingApproval };

/** Saves `state` with `changes` as its next version. */
export async function saveState(runtime: AgentRuntime, state: RunState, changes: Partial<RunState>): Promise<RunState> {
  const next: RunState = { ...state, ...changes, updatedAt: runtime.clock.now(), version: state.version + 1 };
  await runtime.runs.saveRun(next);
  return next;
}

const agentActor = (agent: Agent): Actor => ({ type: 'agent', id: agent.name });

async function addEntry(runtime: AgentRuntime, state: RunState, actor: Actor, entry: AgentTimelineEntryInput) {
  return runtime.engine.addTimelineEntry(state.caseId, entry, { tenantId: state.tenantId, actor });
}

async function loadCase(runtime: AgentRuntime, state: RunState): Promise<Case> {
  const found = await runtime.caseStore.getCase(state.tenantId, state.caseId);
  if (found === null) throw new NotFoundError('Case', state.caseId);
  return found;
}

/** The agent's vendor tools, resolved: the registry's, or the `Tool` objects the agent was declared with. */
export function grantedTools(runtime: AgentRuntime, agent: Agent): RegisteredTool[] {
  const granted: RegisteredTool[] = [];
  for (const name of agent.tools) {
    if (agent.boundary.forbiddenTools.includes(name)) continue;
    const registered = runtime.registry.get(name);
    const declared = agent.toolDefinitions[name];
    if (registered !== undefined) granted.push(registered);
    else if (declared !== undefined) granted.push({ name, tool: declared, originalName: name });
  }
  return granted;
}

interface Offered {
  vendor: RegisteredTool[];
  caseTools: AnyTool[];
  searchEnabled: boolean;
}

function offeredTools(runtime: AgentRuntime, agent: Agent, state: RunState): Offered {
  // A tool bound to another tenant is never shown (the gate refuses it anyway, should a model name it).
  const granted = grantedTools(runtime, agent).filter(
    (entry) => entry.tenantId === undefined || entry.tenantId === state.tenantId,
  );
  const searchEnabled = granted.length > runtime.disclosureThreshold;
  const vendor = searchEnabled ? granted.filter((tool) => state.disclosedTools.includes(tool.name)) : granted;
  const caseTools: AnyTool[] = [];
  if (searchEnabled) caseTools.push(searchToolsTool);
  if (canWrite(agent, 'cases.verdict')) caseTools.push(setCaseVerdictTool);
  if (canWrite(agent, 'cases.status')) caseTools.push(resolveCaseTool);
  caseTools.push(escalateCaseTool);
  return { vendor, caseTools, searchEnabled };
}

function searchedCapabilities(state: RunState): string[] {
  const found = new Set<string>();
  for (const message of state.messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.toolCalls ?? []) {
      if (call.name !== 'searchTools') continue;
      const capabilities = (call.arguments as { capabilities?: unknown } | null)?.capabilities;
      if (Array.isArray(capabilities)) for (const capability of capabilities) found.add(String(capability));
    }
  }
  return [...found];
}

async function contextMessage(runtime: AgentRuntime, agent: Agent, state: RunState, offered: Offered) {
  const record = await loadCase(runtime, state);
  const alerts = await runtime.caseStore.getAlerts(state.tenantId, record.alertIds);
  return caseContextMessage({
    rampartCaseContext: 1,
    stage: state.stage,
    agent: { name: agent.name, role: agent.role },
    case: caseSummary(record),
    alerts: alerts.map(summarizeAlert),
    tools: offered.vendor.map((entry) => ({
      name: entry.name,
      risk: entry.tool.risk,
      capabilities: [...entry.tool.capabilities],
      ...(entry.connectorId !== undefined && { connectorId: entry.connectorId }),
    })),
    caseTools: offered.caseTools.map((tool) => tool.name),
    toolSearch: { enabled: offered.searchEnabled, searchedCapabilities: searchedCapabilities(state) },
    evidence: contextEvidence(state.evidence),
  });
}

// A tool's JSON Schema never changes; converting it on every turn of every run would be wasted work.
const descriptions = new WeakMap<AnyTool, ModelToolDescription>();

function describeTool(tool: AnyTool): ModelToolDescription {
  let description = descriptions.get(tool);
  if (description === undefined) {
    description = describeTools([tool])[0]!;
    descriptions.set(tool, description);
  }
  return description;
}

/** How one call of a step ended, for the tool message, the timeline and the stop conditions. */
interface Handled {
  call: ModelToolCall;
  message: ToolResultMessage;
  ran: boolean;
}

type Planned =
  | { kind: 'case-tool'; call: ModelToolCall; name: CaseToolName }
  | { kind: 'gated'; call: ModelToolCall; decision: GateDecision; denial?: { code: GateDenialCode; reason: string } };

/**
 * Runs one agent on a run state until the model finishes, a stop condition holds, the agent escalates, or a call
 * needs approval (the state is then saved paused). Every state change is saved before the next model call, and
 * response actions go through the executed-actions ledger, so a run interrupted anywhere resumes without acting
 * twice: call `runAgent` again with the saved state.
 */
export async function runAgent(
  runtime: AgentRuntime,
  initial: RunState,
  agent: Agent,
  options: RunAgentOptions = {},
): Promise<AgentRunOutcome> {
  const stopWhen = options.stopWhen ?? [];
  return inSpan(
    runtime.tracer,
    `invoke_agent ${agent.name}`,
    {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': agent.name,
      'rampart.agent.role': agent.role,
      'rampart.run.id': initial.id,
      'rampart.case.id': initial.caseId,
      'rampart.tenant.id': initial.tenantId,
      'rampart.stage': initial.stage,
    },
    options.parent,
    async (scope) => {
      let state = initial;
      for (;;) {
        if (state.pending !== null) return paused(state, options);
        if (state.escalation !== null) return { status: 'completed', state, finish: 'escalated' } as const;
        if (state.unprocessedCalls.length > 0) {
          const calls = state.unprocessedCalls;
          const result = await handleCalls(runtime, state, agent, options, scope.context);
          state = result.state;
          if (state.pending !== null) return paused(state, options);
          if (state.escalation !== null) return { status: 'completed', state, finish: 'escalated' } as const;
          const handled = calls.filter((call) => !state.unprocessedCalls.some((left) => left.id === call.id));
          const context = { state, agent, toolCalls: handled, succeeded: result.succeeded };
          if (shouldStop(stopWhen, context)) return { status: 'completed', state, finish: 'stop-condition' } as const;
          continue;
        }
        if (state.step >= agent.boundary.maxSteps)
          throw new MaxTurnsExceededError(agent.name, agent.boundary.maxSteps, state);
        const next = await modelTurn(runtime, state, agent, scope.context);
        state = next;
        if (state.unprocessedCalls.length === 0)
          return { status: 'completed', state, finish: 'model-finished' } as const;
      }
    },
  );
}

function paused(state: RunState, options: RunAgentOptions): AgentRunOutcome {
  const approval = state.pending!;
  if (options.onApproval === 'throw') throw new ApprovalRequiredError(approval, state);
  return { status: 'paused', state, approval };
}

/** Asks the model for its next turn and saves the turn (with its calls still to handle) before handling any. */
async function modelTurn(runtime: AgentRuntime, state: RunState, agent: Agent, parent: Context): Promise<RunState> {
  const step = state.step + 1;
  return inSpan(
    runtime.tracer,
    `step ${step}`,
    { 'rampart.step': step, 'gen_ai.agent.name': agent.name, 'rampart.run.id': state.id },
    parent,
    async (stepScope) => {
      const offered = offeredTools(runtime, agent, state);
      const messages: ModelMessage[] = [...state.messages, await contextMessage(runtime, agent, state, offered)];
      const tools = [...offered.vendor.map((entry) => entry.tool), ...offered.caseTools].map(describeTool);
      const response = await inSpan(
        runtime.tracer,
        `chat ${runtime.model.id}`,
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': runtime.model.id,
          'rampart.tools.offered': tools.length,
        },
        stepScope.context,
        async ({ span }) => {
          const answer = await runtime.model.generate({ messages, tools });
          span.setAttributes({
            'gen_ai.response.finish_reasons': [answer.finishReason],
            'rampart.tool_calls': answer.toolCalls.length,
            ...(answer.usage.inputTokens !== undefined && { 'gen_ai.usage.input_tokens': answer.usage.inputTokens }),
            ...(answer.usage.outputTokens !== undefined && {
              'gen_ai.usage.output_tokens': answer.usage.outputTokens,
            }),
          });
          return answer;
        },
      );
      const text = response.text.trim();
      if (text !== '' && canWrite(agent, 'cases.timeline')) {
        await addEntry(runtime, state, agentActor(agent), {
          type: 'reasoning',
          data: { summary: text.length > 4_000 ? `${text.slice(0, 4_000)}…` : text },
        });
      }
      return saveState(runtime, state, {
        messages: [
          ...state.messages,
          {
            role: 'assistant',
            content: response.text,
            ...(response.toolCalls.length > 0 && { toolCalls: response.toolCalls }),
          },
        ],
        step,
        unprocessedCalls: response.toolCalls,
      });
    },
  );
}

function decisionFor(state: RunState, call: ModelToolCall, key: string | undefined) {
  return state.decisions.find(
    (decision) => decision.toolCallId === call.id || (key !== undefined && decision.idempotencyKey === key),
  );
}

function toolMessage(call: ModelToolCall, content: string, isError = false): ToolResultMessage {
  return { role: 'tool', toolCallId: call.id, toolName: call.name, content, ...(isError && { isError: true }) };
}

/** Refusals that count for the `tool-denied` escalation: authority said no (not a typo in a name or input). */
const refusalCodes: ReadonlySet<GateDenialCode> = new Set([
  'tool-not-granted',
  'tool-forbidden',
  'risk-mismatch',
  'invalid-risk',
  'step-limit',
  'tool-call-limit',
  'above-boundary',
  'tenant-mismatch',
  'policy',
  'scope',
  'approval-denied',
]);

function riskOf(decision: GateDecision) {
  // A call of an unknown tool is recorded at the highest risk: nothing is known about what it would have done.
  return decision.tool?.tool.risk ?? 'destructive';
}

/**
 * Handles the calls of the latest model turn, in three passes: gate every call in order; run the allowed read
 * calls concurrently; then, in order, answer refusals, run the runtime's own tools and the allowed actions one by
 * one, holding the calls that need approval; finally pause on the first held call (the others wait their turn).
 */
async function handleCalls(
  runtime: AgentRuntime,
  initial: RunState,
  agent: Agent,
  options: RunAgentOptions,
  parent: Context,
): Promise<{ state: RunState; succeeded: string[] }> {
  let state = initial;
  const record = await loadCase(runtime, state);
  const governance = await runtime.governanceFor(state.tenantId, record);
  const offered = offeredTools(runtime, agent, state);
  const gateCase = {
    id: record.id,
    tenantId: record.tenantId,
    entities: record.entities,
    severityId: record.severityId,
  };
  let plannedCalls = 0;
  const plans: Planned[] = state.unprocessedCalls.map((call): Planned => {
    if (isCaseTool(call.name) && offered.caseTools.some((tool) => tool.name === call.name)) {
      return { kind: 'case-tool', call, name: call.name };
    }
    let decision = runtime.gate.check({
      agent,
      call,
      tenantId: state.tenantId,
      case: gateCase,
      governance,
      usage: { steps: state.step, toolCalls: state.toolCalls + plannedCalls },
    });
    if (decision.outcome !== 'deny') {
      const earlier = decisionFor(state, call, decision.idempotencyKey);
      if (earlier?.decision === 'denied') {
        return {
          kind: 'gated',
          call,
          decision,
          denial: {
            code: 'approval-denied',
            reason: `${earlier.by} denied this action${earlier.rationale ? `: ${earlier.rationale}` : ''}`,
          },
        };
      }
      if (decision.outcome === 'needs-approval' && earlier?.decision === 'approved') {
        decision = { ...decision, outcome: 'allow' };
      }
      if (offered.searchEnabled && !offered.vendor.some((entry) => entry.name === decision.tool?.name)) {
        return {
          kind: 'gated',
          call,
          decision,
          denial: {
            code: 'unknown-tool',
            reason: `"${call.name}" is not among your tools yet: find it with searchTools`,
          },
        };
      }
      plannedCalls++;
    }
    return { kind: 'gated', call, decision };
  });

  for (let index = 0; index < plans.length; index++) {
    const plan = plans[index]!;
    if (plan.kind !== 'gated' || plan.denial !== undefined || plan.decision.outcome !== 'needs-approval') continue;
    const decision = plan.decision;
    // Only the agent's own approval step can be earned away; an approval a policy requires always stands.
    const policyHolds = decision.policies.some((result) => result.effect === 'require-approval');
    if (policyHolds || runtime.mayActWithoutApproval === undefined) continue;
    if (!(await runtime.mayActWithoutApproval(state, decision.tool.name))) continue;
    plans[index] = {
      ...plan,
      decision: { ...decision, outcome: 'allow', reason: `${decision.reason}; runs without approval: autonomy earned` },
    };
    await addEntry(
      runtime,
      state,
      { type: 'system', id: 'earned-autonomy' },
      {
        type: 'reasoning',
        data: {
          summary: `${decision.tool.name} runs without approval: analysts agreed with the agent often enough on this alert type to earn it (earned autonomy).`,
        },
      },
    );
  }
  // Every policy evaluation goes on the timeline, an allow with no objection too, so a reviewer sees which calls the
  // policies saw and let through, not only the ones they stopped.
  for (const plan of plans) {
    if (plan.kind !== 'gated') continue;
    const effect =
      plan.decision.outcome === 'deny'
        ? 'deny'
        : plan.decision.policies.some((result) => result.effect === 'require-approval')
          ? 'require-approval'
          : 'allow';
    await addEntry(
      runtime,
      state,
      { type: 'system', id: 'policy-gate' },
      {
        type: 'reasoning',
        data: { summary: describePolicyEvaluation(plan.call.name, { effect, results: plan.decision.policies }) },
      },
    );
  }

  const gated = plans.filter((plan) => plan.kind === 'gated');
  const gateLeaves = await runtime.audit.appendMany(
    plans.flatMap((plan): AuditEvent[] =>
      plan.kind === 'gated'
        ? [
            {
              type: 'gate-decided',
              at: runtime.clock.now(),
              tenantId: state.tenantId,
              caseId: state.caseId,
              actor: { type: 'system', id: 'gate' },
              data: jsonData({
                runId: state.id,
                agent: agent.name,
                toolCallId: plan.call.id,
                tool: plan.call.name,
                outcome: plan.denial ? 'deny' : plan.decision.outcome,
                code: plan.denial?.code ?? (plan.decision.outcome === 'deny' ? plan.decision.code : undefined),
                reason: plan.denial?.reason ?? plan.decision.reason,
                policies: plan.decision.policies,
                idempotencyKey: plan.decision.outcome === 'deny' ? undefined : plan.decision.idempotencyKey,
              }) as AuditEvent['data'],
            },
          ]
        : [],
    ),
  );

  const readResults = new Map<string, Handled>();
  const reads = plans.filter(
    (plan): plan is Extract<Planned, { kind: 'gated' }> =>
      plan.kind === 'gated' &&
      plan.denial === undefined &&
      plan.decision.outcome === 'allow' &&
      plan.decision.tool.tool.risk === 'read',
  );
  const readOutcomes = await mapConcurrently(reads, runtime.concurrency, (plan) =>
    runTool(runtime, state, agent, plan.call, plan.decision as Extract<GateDecision, { outcome: 'allow' }>, parent),
  );
  const evidence: EvidenceRecord[] = [];
  let toolCalls = state.toolCalls;
  let stageDenials = state.stageDenials;
  const succeeded: string[] = [];
  // The leaf that records each call's gate decision: the provenance of whatever the call returns.
  const leafOf = new Map(gated.map((plan, index) => [plan.call.id, gateLeaves[index]]));
  for (const outcome of readOutcomes) {
    await recordRun(runtime, state, agent, outcome, leafOf.get(outcome.handled.call.id));
  }
  reads.forEach((plan, index) => {
    const outcome = readOutcomes[index]!;
    readResults.set(plan.call.id, outcome.handled);
    evidence.push(outcome.evidence);
    toolCalls++;
    if (outcome.handled.ran) succeeded.push(plan.call.name);
  });

  const answered: ToolResultMessage[] = [];
  const held: { call: ModelToolCall; decision: Extract<GateDecision, { outcome: 'needs-approval' }> }[] = [];
  let disclosed = state.disclosedTools;
  let escalation = state.escalation;
  for (let index = 0; index < plans.length; index++) {
    const plan = plans[index]!;
    const call = plan.call;
    const read = readResults.get(call.id);
    if (read !== undefined) {
      answered.push(read.message);
      continue;
    }
    if (plan.kind === 'case-tool') {
      const result = await runCaseTool(runtime, state, agent, plan, offered, disclosed);
      answered.push(result.message);
      if (result.ran) succeeded.push(call.name);
      if (result.disclosed) disclosed = result.disclosed;
      if (result.escalation) escalation = result.escalation;
      if (result.denied) stageDenials++;
      continue;
    }
    const decision = plan.decision;
    if (plan.denial !== undefined || decision.outcome === 'deny') {
      const denial = plan.denial ?? {
        code: (decision as Extract<GateDecision, { outcome: 'deny' }>).code,
        reason: decision.reason,
      };
      if (options.onDenied === 'throw') throw new ToolCallDeniedError(call.name, denial.code, denial.reason, state);
      answered.push(await recordDenial(runtime, state, agent, call, decision, denial, evidence));
      if (refusalCodes.has(denial.code)) stageDenials++;
      continue;
    }
    if (decision.outcome === 'needs-approval') {
      const done = decision.idempotencyKey
        ? await runtime.runs.getAction(state.tenantId, decision.idempotencyKey)
        : null;
      // Held for a human; the allowed calls after it do not wait for the decision (a containment the agent may
      // do alone is not delayed by one it may not).
      if (done?.status !== 'executed') {
        held.push({ call, decision });
        continue;
      }
    }
    const outcome = await runTool(
      runtime,
      state,
      agent,
      call,
      decision as Extract<GateDecision, { outcome: 'allow' | 'needs-approval' }>,
      parent,
    );
    await recordRun(runtime, state, agent, outcome, leafOf.get(call.id));
    answered.push(outcome.handled.message);
    evidence.push(outcome.evidence);
    toolCalls++;
    if (outcome.handled.ran) succeeded.push(call.name);
  }
  const [first, ...later] = held;
  if (first !== undefined) {
    state = await pause(runtime, state, agent, first.call, first.decision, {
      messages: [...state.messages, ...answered],
      // Asked one at a time, in the order the agent made them; each is gated again when its turn comes.
      unprocessedCalls: later.map((item) => item.call),
      evidence: [...state.evidence, ...evidence],
      toolCalls,
      stageDenials,
      disclosedTools: disclosed,
      escalation,
    });
    return { state, succeeded };
  }
  state = await saveState(runtime, state, {
    messages: [...state.messages, ...answered],
    unprocessedCalls: [],
    evidence: [...state.evidence, ...evidence],
    toolCalls,
    stageDenials,
    disclosedTools: disclosed,
    escalation,
  });
  return { state, succeeded };
}

async function recordDenial(
  runtime: AgentRuntime,
  state: RunState,
  agent: Agent,
  call: ModelToolCall,
  decision: GateDecision,
  denial: { code: GateDenialCode; reason: string },
  evidence: EvidenceRecord[],
): Promise<ToolResultMessage> {
  const risk = riskOf(decision);
  const input = decision.outcome === 'deny' ? (decision.input ?? call.arguments) : decision.input;
  await addEntry(runtime, state, agentActor(agent), {
    type: 'tool-call',
    data: {
      tool: call.name,
      risk,
      input: boundedJson(input, 4_000),
      status: 'denied',
      error: `${denial.code}: ${denial.reason}`,
      ...(decision.outcome !== 'deny' && decision.idempotencyKey && { idempotencyKey: decision.idempotencyKey }),
    },
  });
  evidence.push({
    toolCallId: call.id,
    tool: call.name,
    capabilities: [...(decision.tool?.tool.capabilities ?? [])],
    risk,
    input: boundedJson(input, 4_000),
    status: 'denied',
    error: `${denial.code}: ${denial.reason}`,
    stage: state.stage,
    agent: agent.name,
    at: runtime.clock.now(),
  });
  return toolMessage(call, `Refused (${denial.code}): ${denial.reason}. Do not retry this call.`, true);
}

async function pause(
  runtime: AgentRuntime,
  state: RunState,
  agent: Agent,
  call: ModelToolCall,
  decision: Extract<GateDecision, { outcome: 'needs-approval' }>,
  changes: Partial<RunState>,
): Promise<RunState> {
  const approval: PendingApproval = {
    approvalId: runtime.ids.next('approval'),
    toolCall: call,
    tool: decision.tool.name,
    risk: decision.tool.tool.risk,
    reason: decision.reason,
    ...(decision.approverRole !== undefined && { approverRole: decision.approverRole }),
    policies: decision.policies,
    ...(decision.idempotencyKey !== undefined && { idempotencyKey: decision.idempotencyKey }),
    agent: agent.name,
    requestedAt: runtime.clock.now(),
  };
  const actor = agentActor(agent);
  await addEntry(runtime, state, actor, {
    type: 'tool-call',
    data: {
      tool: approval.tool,
      risk: approval.risk,
      input: boundedJson(decision.input, 4_000),
      status: 'pending-approval',
      ...(approval.idempotencyKey !== undefined && { idempotencyKey: approval.idempotencyKey }),
    },
  });
  await addEntry(runtime, state, actor, {
    type: 'approval-requested',
    data: { approvalId: approval.approvalId, tool: approval.tool, risk: approval.risk, reason: approval.reason },
  });
  return saveState(runtime, state, { ...changes, pending: approval, status: 'paused' });
}

interface ToolRun {
  handled: Handled;
  evidence: EvidenceRecord;
  /** The timeline entry to write (see `recordRun`). */
  entry: AgentTimelineEntryInput;
  /** The call contained the threat: the case's containment milestone is due. */
  contained: boolean;
}

/** Runs one allowed call: reads directly, actions through the executed-actions ledger. */
async function runTool(
  runtime: AgentRuntime,
  state: RunState,
  agent: Agent,
  call: ModelToolCall,
  decision: Extract<GateDecision, { outcome: 'allow' | 'needs-approval' }>,
  parent: Context,
): Promise<ToolRun> {
  const registered = decision.tool;
  const tool = registered.tool;
  const key = decision.idempotencyKey;
  return inSpan(
    runtime.tracer,
    `execute_tool ${registered.name}`,
    {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': registered.name,
      'gen_ai.tool.call.id': call.id,
      'rampart.tool.risk': tool.risk,
      ...(registered.connectorId !== undefined && { 'rampart.connector.id': registered.connectorId }),
      ...(key !== undefined && { 'rampart.idempotency_key': key }),
    },
    parent,
    async ({ span }) => {
      const startedAt = runtime.clock.now();
      let output: unknown;
      let error: string | undefined;
      let reused = false;
      let rateLimitWaitMs = 0;
      let claimed = false;
      if (key !== undefined) {
        const claim = await runtime.runs.claimAction({
          tenantId: state.tenantId,
          caseId: state.caseId,
          runId: state.id,
          idempotencyKey: key,
          tool: registered.name,
          risk: tool.risk,
          input: jsonData(decision.input),
          status: 'started',
          attempts: 1,
          startedAt,
        });
        if (!claim.claimed) {
          const existing = claim.existing;
          if (existing.status === 'executed') {
            reused = true;
            output = existing.output;
          } else if (!tool.idempotent) {
            error =
              'An earlier attempt of this action was interrupted and its outcome is unknown; it was not run again. Check the vendor before retrying.';
          }
        } else {
          claimed = true;
        }
      }
      if (!reused && error === undefined) {
        try {
          const raw = await tool.execute(
            decision.input as never,
            {
              tenantId: state.tenantId,
              caseId: state.caseId,
              ...(key !== undefined && { idempotencyKey: key }),
              onCallEnd: (report: { rateLimitWaitMs?: number }) => {
                rateLimitWaitMs += report.rateLimitWaitMs ?? 0;
              },
            } as Parameters<AnyTool['execute']>[1],
          );
          const parsed = tool.output.safeParse(raw);
          if (parsed.success) output = parsed.data;
          else error = `${registered.name} returned output that does not match its schema`;
        } catch (thrown) {
          error = errorMessage(thrown);
        }
        if (key !== undefined && (claimed || tool.idempotent)) {
          await runtime.runs.completeAction(state.tenantId, key, {
            status: error === undefined ? 'executed' : 'failed',
            ...(error === undefined ? { output: jsonData(output), outputSummary: summarizeOutput(output) } : { error }),
            completedAt: runtime.clock.now(),
          });
        }
      }
      const durationMs = Math.max(0, runtime.clock.now() - startedAt);
      const status = error === undefined ? 'executed' : 'failed';
      span.setAttributes({ 'rampart.tool.status': status, 'rampart.tool.reused': reused });
      const entry: AgentTimelineEntryInput = {
        type: 'tool-call',
        data: {
          tool: registered.name,
          risk: tool.risk,
          input: boundedJson(decision.input, 4_000),
          status,
          ...(status === 'executed' && {
            outputSummary: reused
              ? `Already executed under idempotency key ${key}; not run again. ${summarizeOutput(output)}`
              : summarizeOutput(output),
          }),
          ...(!reused && { durationMs }),
          ...(rateLimitWaitMs > 0 && { rateLimitWaitMs }),
          ...(key !== undefined && { idempotencyKey: key }),
          ...(error !== undefined && { error }),
        },
      };
      return {
        handled: {
          call,
          ran: status === 'executed',
          message:
            status === 'executed'
              ? toolMessage(call, toolOutputContent(registered.name, output))
              : toolMessage(call, `${registered.name} failed: ${error}`, true),
        },
        evidence: {
          toolCallId: call.id,
          tool: registered.name,
          capabilities: [...tool.capabilities],
          risk: tool.risk,
          input: boundedJson(decision.input, 4_000),
          status,
          ...(status === 'executed' && fitsInState(output) && { output: jsonData(output) }),
          ...(error !== undefined && { error }),
          ...(key !== undefined && { idempotencyKey: key }),
          ...(registered.connectorId !== undefined && { connectorId: registered.connectorId }),
          stage: state.stage,
          agent: agent.name,
          at: runtime.clock.now(),
        },
        entry,
        contained: status === 'executed' && !reused && containing(tool),
      };
    },
  );
}

/**
 * Writes what a tool run produced to the case: its timeline entry and, for a containment, the milestone. Kept
 * apart from running the tool so calls that ran concurrently are recorded in call order, not finishing order.
 */
async function recordRun(
  runtime: AgentRuntime,
  state: RunState,
  agent: Agent,
  run: ToolRun,
  gateLeafIndex: number | undefined,
): Promise<void> {
  await addEntry(runtime, state, agentActor(agent), run.entry);
  await runtime.observer?.toolRan?.(state, agent, run.evidence, gateLeafIndex);
  if (run.contained) {
    await runtime.engine.markContained(state.caseId, {
      tenantId: state.tenantId,
      actor: agentActor(agent),
      reason: `${run.evidence.tool} executed`,
    });
  }
}

const containmentCapabilities = new Set([
  'host.contain',
  'user.suspend',
  'user.sessions.revoke',
  'cloud.key.deactivate',
  'message.purge',
]);

function containing(tool: AnyTool): boolean {
  return tool.risk === 'contain' || tool.capabilities.some((capability) => containmentCapabilities.has(capability));
}

interface CaseToolResult {
  message: ToolResultMessage;
  ran: boolean;
  denied?: boolean;
  disclosed?: string[];
  escalation?: { reason: string; to: string };
}

async function runCaseTool(
  runtime: AgentRuntime,
  state: RunState,
  agent: Agent,
  plan: Extract<Planned, { kind: 'case-tool' }>,
  offered: Offered,
  disclosed: string[],
): Promise<CaseToolResult> {
  const call = plan.call;
  const actor = agentActor(agent);
  const operation = { tenantId: state.tenantId, actor };
  const invalid = (error: string): CaseToolResult => ({
    message: toolMessage(call, `Invalid input for ${call.name}: ${error}`, true),
    ran: false,
  });
  switch (plan.name) {
    case 'setCaseVerdict': {
      const parsed = setCaseVerdictTool.input.safeParse(call.arguments);
      if (!parsed.success) return invalid(parsed.error.message);
      await runtime.engine.setVerdict(state.caseId, parsed.data, operation);
      await runtime.observer?.verdictSet?.(state, agent, parsed.data);
      return {
        message: toolMessage(call, `Verdict set: ${parsed.data.verdict} (confidence ${parsed.data.confidence}).`),
        ran: true,
      };
    }
    case 'resolveCase': {
      const parsed = resolveCaseTool.input.safeParse(call.arguments);
      if (!parsed.success) return invalid(parsed.error.message);
      const current = await loadCase(runtime, state);
      if (current.status !== 'resolved') {
        try {
          await runtime.engine.transition(state.caseId, 'resolved', { ...operation, reason: parsed.data.summary });
        } catch (error) {
          if (!InvalidTransitionError.isInstance(error)) throw error;
          return { message: toolMessage(call, `The case cannot be resolved: ${error.message}`, true), ran: false };
        }
      }
      return { message: toolMessage(call, 'Case resolved.'), ran: true };
    }
    case 'escalateCase': {
      const parsed = escalateCaseTool.input.safeParse(call.arguments);
      if (!parsed.success) return invalid(parsed.error.message);
      const target = agent.escalation.target;
      const to = `${target.type}:${target.id}`;
      return {
        message: toolMessage(call, `Escalated to ${to}.`),
        ran: true,
        escalation: { reason: parsed.data.reason, to },
      };
    }
    case 'searchTools': {
      const parsed = searchToolsTool.input.safeParse(call.arguments);
      if (!parsed.success) return invalid(parsed.error.message);
      const visible = grantedTools(runtime, agent).filter(
        (entry) => entry.tenantId === undefined || entry.tenantId === state.tenantId,
      );
      const found = searchTools(visible, parsed.data);
      const names = [...new Set([...disclosed, ...found.map((entry) => entry.name)])];
      const listing = found.map((entry) => ({
        name: entry.name,
        description: entry.tool.description,
        risk: entry.tool.risk,
        capabilities: entry.tool.capabilities,
      }));
      const text =
        listing.length === 0
          ? 'No tool matched. Try other words or capabilities.'
          : `Found ${listing.length} tool(s); they are callable from your next turn:\n${JSON.stringify(listing, null, 2)}`;
      void offered;
      return { message: toolMessage(call, text), ran: true, disclosed: names };
    }
  }
}

/**
 * Records an analyst's decision on the run's pending approval and puts the call back first in line, so the next
 * `runAgent` handles it: an approved call runs (through the ledger), a denied one is answered as refused. Saving
 * the decision is the claim: of two concurrent decisions on one approval, the second fails with a conflict.
 *
 * When the pending action requires a role (a policy's `approverRole`), only someone with that role decides it,
 * either way: anyone else gets `ApproverRoleError`, the refusal is audited, and the run stays paused.
 */
export async function decideApproval(
  runtime: AgentRuntime,
  state: RunState,
  decision: { approvalId: string; approved: boolean; by: string; roles?: readonly string[]; rationale?: string },
): Promise<RunState> {
  const pending = state.pending;
  if (pending === null || pending.approvalId !== decision.approvalId) {
    throw new NotFoundError('Approval', decision.approvalId);
  }
  const roles = [...(decision.roles ?? [])];
  const required = pending.approverRole;
  await runtime.audit.appendMany([
    {
      type: required === undefined || roles.includes(required) ? 'approver-verified' : 'approval-refused',
      at: runtime.clock.now(),
      tenantId: state.tenantId,
      caseId: state.caseId,
      actor: { type: 'analyst', id: decision.by },
      data: jsonData({
        runId: state.id,
        approvalId: pending.approvalId,
        tool: pending.tool,
        decision: decision.approved ? 'approve' : 'deny',
        roles,
        requiredRole: required,
      }) as AuditEvent['data'],
    },
  ]);
  if (required !== undefined && !roles.includes(required)) {
    throw new ApproverRoleError(pending.approvalId, decision.by, required, roles);
  }
  const next = await saveState(runtime, state, {
    pending: null,
    status: 'running',
    unprocessedCalls: [pending.toolCall, ...state.unprocessedCalls],
    decisions: [
      ...state.decisions,
      {
        approvalId: pending.approvalId,
        toolCallId: pending.toolCall.id,
        ...(pending.idempotencyKey !== undefined && { idempotencyKey: pending.idempotencyKey }),
        decision: decision.approved ? 'approved' : 'denied',
        by: decision.by,
        ...(decision.rationale !== undefined && { rationale: decision.rationale }),
        at: runtime.clock.now(),
      },
    ],
  });
  await runtime.observer?.approvalDecided?.(next, {
    tool: pending.tool,
    approved: decision.approved,
    by: decision.by,
    ...(decision.rationale !== undefined && { rationale: decision.rationale }),
  });
  await addEntry(
    runtime,
    next,
    { type: 'analyst', id: decision.by },
    {
      type: 'approval-decided',
      data: {
        approvalId: pending.approvalId,
        decision: decision.approved ? 'approved' : 'denied',
        ...(decision.rationale !== undefined && { rationale: decision.rationale }),
      },
    },
  );
  return next;
}
