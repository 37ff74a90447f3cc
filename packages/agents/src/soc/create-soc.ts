import type { Context } from '@opentelemetry/api';
import {
  type Actor,
  type Agent,
  type AnyTool,
  AuditLog,
  builtInPolicies,
  type AutonomyChange,
  type Case,
  type CaseEngine,
  contextGraphTools,
  EarnedAutonomy,
  recordFeedback,
  type ToolSet,
  type CaseStatus,
  ConflictError,
  canTransition,
  createCaseEngine,
  escalationFor,
  type Governance,
  governanceFrom,
  ModelApiError,
  ModelBehaviorError,
  NotFoundError,
  randomIds,
  type RunState,
  runStateSchemaVersion,
  systemClock,
  type TimelineEntry,
  ValidationError,
} from '@rampart/core';
import {
  ApprovalNotFoundError,
  FeedbackTargetError,
  MaxTurnsExceededError,
  RunNotResumableError,
  SocConfigurationError,
} from '../errors.js';
import { type AgentRuntime, decideApproval, runAgent, saveState } from '../runtime/agent-runner.js';
import { alertsMessage, summarizeAlert } from '../runtime/case-context.js';
import { caseToolNames } from '../runtime/case-tools.js';
import { createGate } from '../runtime/gate.js';
import { systemPrompt } from '../runtime/run-records.js';
import { hasToolCall, type StopCondition } from '../runtime/stop-conditions.js';
import { defaultTracer, inSpan } from '../runtime/telemetry.js';
import { createToolRegistry } from '../runtime/tool-registry.js';
import { builtInAgents, type SocAgentSource } from './built-in-agents.js';
import { type CaseKind, caseKinds, caseKindsOf } from './case-kinds.js';
import { combinedGovernance, graphGovernanceOf, graphRecorder } from './context-graph-recorder.js';
import type {
  ApprovalDecisionInput,
  GovernanceOption,
  PendingApprovalView,
  Soc,
  SocAction,
  SocFeedbackInput,
  SocFeedbackResult,
  SocOptions,
  SocResult,
} from './soc-types.js';

const socActor: Actor = { type: 'system', id: 'soc' };
const defaultCorrelationWindowMs = 2 * 60 * 60 * 1000;

function isGovernance(value: unknown): value is Governance {
  return typeof (value as Governance | null)?.match === 'function';
}

function governanceResolver(option: GovernanceOption | undefined): (tenantId: string) => Promise<Governance> {
  if (option === undefined) {
    const none = governanceFrom({});
    return async () => none;
  }
  if (typeof option === 'function') {
    return async (tenantId) => {
      const value = await option(tenantId);
      return isGovernance(value) ? value : governanceFrom(value ?? {});
    };
  }
  const fixed = isGovernance(option) ? option : governanceFrom(option);
  return async () => fixed;
}

const stageStatus: Record<string, CaseStatus | undefined> = {
  triage: 'triaging',
  investigation: 'investigating',
  response: 'responding',
};

const stopConditions: Record<string, readonly StopCondition[]> = {
  triage: [hasToolCall('setCaseVerdict')],
  investigation: [hasToolCall('setCaseVerdict')],
  response: [],
  resolution: [hasToolCall('resolveCase')],
};

const stageKindOf = (stage: string) => stage.split(':')[0]!;

type NextStep = { stage: string } | { done: true } | { escalate: string };

/**
 * A SOC in one call: ingests alerts into cases and works each case end to end — triage, one investigation per
 * kind of case, response, resolution — on one case record with one timeline, every tool call through the gate,
 * every decision and action in the audit log. Runs are saved after every step, so `approve`, `deny` and `resume`
 * work in another process than the one that started the run.
 */
export function createSoc(options: SocOptions): Soc {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const stores = options.stores;
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new SocConfigurationError(`concurrency must be a whole number of 1 or more, got ${concurrency}`);
  }
  const policies = options.policies ?? builtInPolicies;
  // The graph's read-only tools sit beside the host's tools, so the agents that read context are granted them.
  const graphTools: ToolSet | undefined =
    options.graph === undefined ? undefined : contextGraphTools({ store: options.graph, policies, clock });
  const hostTools =
    options.tools === undefined || graphTools === undefined
      ? (options.tools ?? graphTools)
      : Array.isArray(options.tools)
        ? [...(options.tools as readonly AnyTool[]), ...Object.values(graphTools)]
        : { ...(options.tools as ToolSet), ...graphTools };
  const registry = createToolRegistry({
    ...(options.connectors !== undefined && { connectors: options.connectors }),
    ...(hostTools !== undefined && { tools: hostTools }),
    reservedNames: caseToolNames,
  });
  const toolSet = registry.toolSet();
  const resolve = (source: SocAgentSource): Agent => (typeof source === 'function' ? source(toolSet) : source);
  const sources = { ...builtInAgents, ...options.agents };
  const agentsByStage: Record<string, Agent> = { triage: resolve(sources.triage) };
  for (const kind of caseKinds) {
    const source = sources.investigation[kind];
    if (source !== undefined) agentsByStage[`investigation:${kind}`] = resolve(source);
  }
  agentsByStage.response = resolve(sources.response);
  agentsByStage.resolution = resolve(sources.resolution);
  const names = new Map<string, string>();
  for (const [stage, agent] of Object.entries(agentsByStage)) {
    const other = names.get(agent.name);
    if (other !== undefined) {
      throw new SocConfigurationError(`Agents of stages ${other} and ${stage} are both named "${agent.name}"`);
    }
    names.set(agent.name, stage);
  }
  Object.freeze(agentsByStage);

  const staticGovernanceFor = governanceResolver(options.governance);
  const recorder =
    options.graph === undefined ? undefined : graphRecorder({ store: options.graph, cases: stores.cases, clock, ids });
  const governanceFor = async (tenantId: string, caseRecord?: Case) => {
    const configured = await staticGovernanceFor(tenantId);
    if (recorder === undefined || caseRecord === undefined) return configured;
    const alerts = await stores.cases.getAlerts(tenantId, caseRecord.alertIds);
    const fromGraph = await graphGovernanceOf(
      recorder.graphOf(tenantId),
      caseRecord,
      alerts.map((stored) => stored.alert),
    );
    return combinedGovernance(configured, fromGraph);
  };
  const gate = createGate({ registry, policies });
  const tracer = options.telemetry?.tracer ?? defaultTracer();
  const autoResolveConfidence = options.autoResolveConfidence ?? 0.8;

  let opened:
    | Promise<{ audit: AuditLog; engine: CaseEngine; runtime: AgentRuntime; autonomy: EarnedAutonomy | undefined }>
    | undefined;
  const open = () => {
    opened ??= (async () => {
      const audit = await AuditLog.open(stores.audit, {
        clock,
        ...(options.auditSigningKey !== undefined && { signingKey: options.auditSigningKey }),
      });
      const engine = createCaseEngine({
        store: stores.cases,
        audit,
        clock,
        ids,
        correlationWindowMs: options.correlationWindowMs ?? defaultCorrelationWindowMs,
      });
      const autonomy =
        recorder === undefined || options.autonomy === false
          ? undefined
          : new EarnedAutonomy({ audit, clock, ...(options.autonomy !== undefined && { rule: options.autonomy }) });
      const runtime: AgentRuntime = {
        model: options.model,
        registry,
        gate,
        engine,
        caseStore: stores.cases,
        runs: stores.runs,
        audit,
        clock,
        ids,
        tracer,
        concurrency,
        disclosureThreshold: options.toolDisclosureThreshold ?? 24,
        governanceFor,
        ...(recorder !== undefined && { observer: recorder }),
        ...(autonomy !== undefined && {
          async mayActWithoutApproval(state: RunState, tool: string) {
            const alertType = await recorder!.alertTypeOfCase(state);
            return alertType !== undefined && autonomy.mayActWithoutApproval(state.tenantId, alertType, tool);
          },
        }),
      };
      return { audit, engine, runtime, autonomy };
    })();
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };

  /** Runs driven in this process right now, so a second caller waits instead of racing the first. */
  const inFlight = new Map<string, Promise<RunState>>();

  async function loadCase(tenantId: string, caseId: string): Promise<Case> {
    const found = await stores.cases.getCase(tenantId, caseId);
    if (found === null) throw new NotFoundError('Case', caseId);
    return found;
  }

  async function enterStage(engine: CaseEngine, state: RunState): Promise<void> {
    const target = stageStatus[stageKindOf(state.stage)];
    if (target === undefined) return;
    const current = await loadCase(state.tenantId, state.caseId);
    if (current.status !== target && canTransition(current.status, target)) {
      await engine.transition(state.caseId, target, {
        tenantId: state.tenantId,
        actor: socActor,
        reason: `${state.stage} started`,
      });
    }
  }

  async function nextStep(state: RunState): Promise<NextStep> {
    const record = await loadCase(state.tenantId, state.caseId);
    const verdict = record.verdict;
    const done = new Set([...state.completedStages, state.stage]);
    const kind = stageKindOf(state.stage);
    const afterInvestigation = (): NextStep => {
      if (verdict?.value === 'true_positive') return { stage: 'response' };
      if (verdict?.value === 'benign' || verdict?.value === 'false_positive') return { stage: 'resolution' };
      return { escalate: `No verdict to act on after ${state.stage} (${verdict?.value ?? 'none set'})` };
    };
    if (kind === 'triage' || kind === 'investigation') {
      if (
        kind === 'triage' &&
        (verdict?.value === 'benign' || verdict?.value === 'false_positive') &&
        verdict.confidence >= autoResolveConfidence
      ) {
        return { stage: 'resolution' };
      }
      const alerts = await stores.cases.getAlerts(state.tenantId, record.alertIds);
      const kinds: CaseKind[] = caseKindsOf(alerts.map(summarizeAlert));
      const next = kinds
        .map((each) => `investigation:${each}`)
        .find((stage) => agentsByStage[stage] && !done.has(stage));
      return next === undefined ? afterInvestigation() : { stage: next };
    }
    if (kind === 'response') return { stage: 'resolution' };
    return { done: true };
  }

  async function escalate(
    runtime: AgentRuntime,
    state: RunState,
    agent: Agent,
    reason: string,
    to: { type: string; id: string },
  ): Promise<void> {
    const actor: Actor = { type: 'agent', id: agent.name };
    await runtime.engine.addTimelineEntry(
      state.caseId,
      { type: 'escalation', data: { reason, to: `${to.type}:${to.id}` } },
      { tenantId: state.tenantId, actor },
    );
    if (to.type !== 'agent') {
      await runtime.engine.assign(state.caseId, to.id, { tenantId: state.tenantId, actor });
    }
  }

  async function drive(initial: RunState, parent?: Context): Promise<RunState> {
    const running = inFlight.get(initial.id);
    if (running !== undefined) return running;
    const work = (async () => {
      const { runtime } = await open();
      let state = initial;
      while (state.status === 'running') {
        const agent = agentsByStage[state.stage];
        if (agent === undefined) {
          return saveState(runtime, state, {
            status: 'failed',
            error: `No agent is configured for stage ${state.stage}`,
          });
        }
        // An analyst closed the case meanwhile: nothing more is done on it, whatever was pending.
        if ((await loadCase(state.tenantId, state.caseId)).status === 'closed') {
          return saveState(runtime, state, { status: 'completed', unprocessedCalls: [] });
        }
        await enterStage(runtime.engine, state);
        if (state.messages.length === 0) {
          const record = await loadCase(state.tenantId, state.caseId);
          const alerts = await stores.cases.getAlerts(state.tenantId, record.alertIds);
          state = await saveState(runtime, state, {
            messages: [{ role: 'system', content: systemPrompt(agent) }, alertsMessage(alerts)],
          });
        }
        let limitReached = false;
        try {
          const outcome = await runAgent(runtime, state, agent, {
            stopWhen: stopConditions[stageKindOf(state.stage)] ?? [],
            ...(parent !== undefined && { parent }),
          });
          state = outcome.state;
          if (outcome.status === 'paused') return state;
        } catch (error) {
          if (MaxTurnsExceededError.isInstance(error)) {
            state = error.state;
            limitReached = true;
          } else if (ModelApiError.isInstance(error) || ModelBehaviorError.isInstance(error)) {
            const saved = (await stores.runs.getRun(state.id)) ?? state;
            const reason = `The model failed during ${saved.stage}: ${error.message}`;
            await escalate(runtime, saved, agent, reason, agent.escalation.target);
            return saveState(runtime, saved, {
              status: 'failed',
              error: reason,
              escalation: { reason, to: `${agent.escalation.target.type}:${agent.escalation.target.id}` },
            });
          } else {
            throw error;
          }
        }
        const record = await loadCase(state.tenantId, state.caseId);
        const asked = state.escalation;
        const matched = escalationFor(agent.escalation, {
          ...(record.verdict !== null && { confidence: record.verdict.confidence, verdict: record.verdict.value }),
          severityId: record.severityId,
          toolDenied: state.stageDenials > 0,
          limitReached,
        });
        const target = agent.escalation.target;
        // The agent asking to escalate, or its escalation policy matching: a person or queue takes the case over;
        // an escalation to another agent is recorded and the case goes on.
        const escalation =
          asked !== null
            ? { reason: asked.reason, to: target }
            : matched !== null
              ? { reason: matched.reason, to: matched.target }
              : null;
        if (escalation !== null) {
          await escalate(runtime, state, agent, escalation.reason, escalation.to);
          if (escalation.to.type !== 'agent') {
            return saveState(runtime, state, {
              status: 'escalated',
              escalation: { reason: escalation.reason, to: `${escalation.to.type}:${escalation.to.id}` },
            });
          }
        }
        const next = await nextStep(state);
        if ('done' in next) return saveState(runtime, state, { status: 'completed' });
        if ('escalate' in next) {
          await escalate(runtime, state, agent, next.escalate, target);
          return saveState(runtime, state, {
            status: 'escalated',
            escalation: { reason: next.escalate, to: `${target.type}:${target.id}` },
          });
        }
        state = await saveState(runtime, state, {
          completedStages: [...state.completedStages, state.stage],
          stage: next.stage,
          agent: agentsByStage[next.stage]?.name ?? next.stage,
          messages: [],
          step: 0,
          toolCalls: 0,
          unprocessedCalls: [],
          disclosedTools: [],
          stageDenials: 0,
          escalation: null,
        });
      }
      return state;
    })();
    inFlight.set(initial.id, work);
    try {
      return await work;
    } finally {
      inFlight.delete(initial.id);
    }
  }

  async function pendingOf(tenantId: string, caseId?: string): Promise<PendingApprovalView[]> {
    const paused = await stores.runs.listRuns(tenantId, { status: 'paused', ...(caseId !== undefined && { caseId }) });
    return paused.flatMap((state) =>
      state.pending === null
        ? []
        : [
            {
              approvalId: state.pending.approvalId,
              runId: state.id,
              tenantId: state.tenantId,
              caseId: state.caseId,
              agent: state.pending.agent,
              tool: state.pending.tool,
              risk: state.pending.risk,
              input: state.pending.toolCall.arguments,
              reason: state.pending.reason,
              ...(state.pending.approverRole !== undefined && { approverRole: state.pending.approverRole }),
              ...(state.pending.idempotencyKey !== undefined && { idempotencyKey: state.pending.idempotencyKey }),
              requestedAt: state.pending.requestedAt,
            },
          ],
    );
  }

  function actionsOf(timeline: readonly TimelineEntry[]): SocAction[] {
    const actions = new Map<string, SocAction>();
    for (const entry of timeline) {
      if (entry.type !== 'tool-call' || entry.data.risk === 'read') continue;
      const key = entry.data.idempotencyKey ?? entry.id;
      const action: SocAction = {
        tool: entry.data.tool,
        risk: entry.data.risk,
        status: entry.data.status,
        ...(entry.data.idempotencyKey !== undefined && { idempotencyKey: entry.data.idempotencyKey }),
        input: entry.data.input,
        entryId: entry.id,
      };
      if (actions.has(key)) actions.delete(key);
      actions.set(key, action);
    }
    return [...actions.values()];
  }

  async function resultOf(tenantId: string, caseId: string, state: RunState | null): Promise<SocResult> {
    const { audit } = await open();
    const record = await loadCase(tenantId, caseId);
    const timeline = await stores.cases.getTimeline(tenantId, caseId);
    return {
      runId: state?.id ?? null,
      status: state?.status ?? 'idle',
      case: record,
      timeline,
      verdict: record.verdict,
      actions: actionsOf(timeline),
      pendingApprovals: await pendingOf(tenantId, caseId),
      auditHead: await audit.signTreeHead(),
      escalation: state?.escalation ?? null,
      error: state?.error ?? null,
    };
  }

  async function workCase(
    tenantId: string,
    caseId: string,
    hasNewAlerts: boolean,
    parent: Context,
  ): Promise<SocResult> {
    const { runtime } = await open();
    const runs = await stores.runs.listRuns(tenantId, { caseId });
    const active = runs.find((run) => run.status === 'running' || run.status === 'paused');
    if (active !== undefined) {
      const state = active.status === 'running' ? await drive(active, parent) : active;
      return resultOf(tenantId, caseId, state);
    }
    const record = await loadCase(tenantId, caseId);
    if ((!hasNewAlerts && runs.length > 0) || record.status === 'resolved' || record.status === 'closed') {
      return resultOf(tenantId, caseId, runs.at(-1) ?? null);
    }
    const now = clock.now();
    const initial: RunState = {
      schemaVersion: runStateSchemaVersion,
      id: ids.next('run'),
      tenantId,
      caseId,
      status: 'running',
      stage: 'triage',
      agent: agentsByStage.triage!.name,
      completedStages: [],
      messages: [],
      step: 0,
      toolCalls: 0,
      unprocessedCalls: [],
      pending: null,
      decisions: [],
      disclosedTools: [],
      evidence: [],
      stageDenials: 0,
      escalation: null,
      error: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await runtime.runs.createRun(initial);
    return resultOf(tenantId, caseId, await drive(initial, parent));
  }

  async function decide(approvalId: string, approved: boolean, input: ApprovalDecisionInput) {
    if (typeof input?.by !== 'string' || input.by.trim() === '') {
      throw new ValidationError('approval decision', [{ path: 'by', message: 'must name who decided' }]);
    }
    if (
      input.roles !== undefined &&
      (!Array.isArray(input.roles) || input.roles.some((role) => typeof role !== 'string' || role === ''))
    ) {
      throw new ValidationError('approval decision', [{ path: 'roles', message: 'must be a list of role names' }]);
    }
    return inSpan(
      tracer,
      approved ? 'rampart.soc.approve' : 'rampart.soc.deny',
      { 'rampart.approval.id': approvalId },
      undefined,
      async (scope) => {
        const { runtime } = await open();
        const state = await stores.runs.findRunByApproval(approvalId);
        if (state === null) throw new ApprovalNotFoundError(approvalId);
        let decided: RunState;
        try {
          decided = await decideApproval(runtime, state, {
            approvalId,
            approved,
            by: input.by,
            ...(input.roles !== undefined && { roles: input.roles }),
            ...(input.rationale !== undefined && { rationale: input.rationale }),
          });
        } catch (error) {
          if (ConflictError.isInstance(error) || NotFoundError.isInstance(error)) {
            throw new ApprovalNotFoundError(approvalId);
          }
          throw error;
        }
        if (recorder !== undefined) {
          // An approval is an analyst's word on the agent's proposal: recorded like any feedback, so it counts
          // for precedents and earned autonomy.
          await recorder.graphOf(decided.tenantId).recordDecision({
            id: ids.next('decision'),
            trace: {
              type: 'action',
              caseId: decided.caseId,
              decidedBy: { type: 'agent', id: state.pending!.agent },
              rationale: state.pending!.reason,
              action: { tool: state.pending!.tool, risk: state.pending!.risk, outcome: 'proposed' },
            },
          });
          await feedback({
            tenantId: decided.tenantId,
            caseId: decided.caseId,
            analyst: input.by,
            kind: approved ? 'action-approved' : 'action-denied',
            tool: state.pending!.tool,
            rationale: input.rationale ?? (approved ? 'Approved' : 'Denied'),
          });
        }
        return resultOf(decided.tenantId, decided.caseId, await drive(decided, scope.context));
      },
    );
  }

  async function feedback(input: SocFeedbackInput): Promise<SocFeedbackResult> {
    if (recorder === undefined) {
      throw new FeedbackTargetError(String(input?.caseId), 'the SOC has no context graph (createSoc({ graph }))');
    }
    const { audit, engine, autonomy } = await open();
    const graph = recorder.graphOf(input.tenantId);
    const record = await loadCase(input.tenantId, input.caseId);
    const wanted = input.kind.startsWith('verdict-') ? 'verdict' : 'action';
    const reviewed = (await graph.decisionsOn([input.caseId])).find(
      (decision) =>
        decision.trace.type === wanted &&
        decision.trace.decidedBy.type === 'agent' &&
        (wanted === 'verdict' || decision.trace.action?.tool === input.tool),
    );
    if (reviewed === undefined) {
      throw new FeedbackTargetError(
        input.caseId,
        `no agent ${wanted} decision${input.tool ? ` on ${input.tool}` : ''} to review`,
      );
    }
    const alertType = await recorder.alertTypeOfCase(input);
    const feedbackId = ids.next('feedback');
    const recorded = await recordFeedback(
      {
        id: feedbackId,
        caseId: input.caseId,
        analyst: input.analyst,
        kind: input.kind,
        reviews: reviewed.id.slice('decision:'.length),
        rationale: input.rationale,
        ...(input.kind === 'verdict-confirmed' && { verdict: reviewed.trace.verdict }),
        ...(input.verdict !== undefined && { verdict: input.verdict }),
        ...(input.tool !== undefined && { tool: input.tool }),
        ...(alertType !== undefined && { alertType }),
        evidence: reviewed.trace.evidence as never,
      },
      { graph, audit, at: clock.now(), timelineEntryId: ids.next('entry') },
    );
    const analyst: Actor = { type: 'analyst', id: input.analyst };
    await engine.addTimelineEntry(input.caseId, { type: 'feedback', data: recorded.timelineEntry.data } as never, {
      tenantId: input.tenantId,
      actor: analyst,
    });
    if (input.kind === 'verdict-overridden' && input.verdict !== undefined && record.status !== 'closed') {
      await engine.setVerdict(
        input.caseId,
        { verdict: input.verdict, confidence: 1, rationale: input.rationale },
        { tenantId: input.tenantId, actor: analyst },
      );
    }
    let autonomyChange: AutonomyChange | null = null;
    if (autonomy !== undefined && alertType !== undefined) {
      autonomyChange = await autonomy.record({
        tenantId: input.tenantId,
        alertType,
        action: wanted === 'verdict' ? `verdict:${reviewed.trace.verdict ?? 'none'}` : input.tool!,
        agreed: input.kind === 'verdict-confirmed' || input.kind === 'action-approved',
        decisionId: feedbackId,
        caseId: input.caseId,
        analyst: input.analyst,
      });
      if (autonomyChange !== null) {
        await engine.addTimelineEntry(
          input.caseId,
          {
            type: 'reasoning',
            data: {
              summary: `Earned autonomy ${autonomyChange.type === 'autonomy-granted' ? 'granted' : 'revoked'} for ${autonomyChange.status.action} on ${alertType}: ${autonomyChange.reason}`,
            },
          },
          { tenantId: input.tenantId, actor: { type: 'system', id: 'earned-autonomy' } },
        );
      }
    }
    return {
      feedbackId,
      reviews: reviewed.id.slice('decision:'.length),
      auditLeafIndex: recorded.auditLeafIndex,
      autonomyChange,
    };
  }

  return {
    feedback,
    async autonomy({ tenantId }) {
      const { autonomy } = await open();
      return autonomy?.list(tenantId) ?? [];
    },
    tools: toolSet,
    agents: agentsByStage,
    async handle(alerts, handleOptions) {
      const tenantId = handleOptions?.tenantId;
      if (typeof tenantId !== 'string' || tenantId === '') {
        throw new ValidationError('handle options', [{ path: 'tenantId', message: 'must be a non-empty string' }]);
      }
      const batch = Array.isArray(alerts) ? alerts : [alerts];
      if (batch.length === 0) {
        throw new ValidationError('alerts', [{ path: '', message: 'must hold at least one alert' }]);
      }
      return inSpan(
        tracer,
        'rampart.soc.handle',
        { 'rampart.tenant.id': tenantId, 'rampart.alerts': batch.length },
        undefined,
        async (scope) => {
          const { engine } = await open();
          const ingested = await engine.ingest(batch, { tenantId });
          if (recorder !== undefined) {
            const fresh = ingested.alerts.filter((alert) => !alert.duplicate);
            const stored = await stores.cases.getAlerts(
              tenantId,
              fresh.map((alert) => alert.alertId),
            );
            const graph = recorder.graphOf(tenantId);
            for (const each of stored) {
              const ingestedAlert = fresh.find((alert) => alert.alertId === each.id)!;
              const leaf = ingested.timeline.find(
                (entry) => entry.caseId === ingestedAlert.caseId && JSON.stringify(entry.data).includes(each.id),
              )?.auditLeafIndex;
              await graph.recordAlert(each.alert, {
                alertId: each.id,
                caseId: ingestedAlert.caseId,
                observedAt: clock.now(),
                connectorId: each.alert.metadata.product.name,
                ...(leaf !== undefined && { auditLeafIndex: leaf }),
              });
            }
          }
          const caseIds = [...new Set(ingested.alerts.map((alert) => alert.caseId))];
          const results: SocResult[] = [];
          for (const caseId of caseIds) {
            const fresh = ingested.alerts.some((alert) => alert.caseId === caseId && !alert.duplicate);
            results.push(await workCase(tenantId, caseId, fresh, scope.context));
          }
          const [first, ...others] = results;
          return others.length === 0 ? first! : { ...first!, otherCases: others };
        },
      );
    },
    approve: (approvalId, decision) => decide(approvalId, true, decision),
    deny: (approvalId, decision) => decide(approvalId, false, decision),
    async resume(runId) {
      const state = await stores.runs.getRun(runId);
      if (state === null) throw new RunNotResumableError(runId, 'no such run');
      return inSpan(tracer, 'rampart.soc.resume', { 'rampart.run.id': runId }, undefined, async (scope) => {
        const current = state.status === 'running' ? await drive(state, scope.context) : state;
        return resultOf(current.tenantId, current.caseId, current);
      });
    },
    pendingApprovals: ({ tenantId }) => pendingOf(tenantId),
    async caseResult(caseId, { tenantId }) {
      const runs = await stores.runs.listRuns(tenantId, { caseId });
      return resultOf(tenantId, caseId, runs.at(-1) ?? null);
    },
  };
}
