import type { PendingApprovalView, Soc, SocOptions, SocResult, SocStores } from '@rampart/agents';
import {
  type AnyTool,
  type GovernanceFactsInput,
  type GraphStore,
  type IdSource,
  MemoryGraphStore,
  MemoryAuditStore,
  MemoryCaseStore,
  MemoryRunStore,
  type ModelAdapter,
  sequentialIds,
} from '@rampart/core';
import { createSandbox, type Sandbox, type SandboxAlert, type SandboxOptions } from '../create-sandbox.js';
import { parseScenario } from '../scenario/load-scenario.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario.js';
import type { World } from '../world/world.js';
import { seedContextGraph } from './seed-context-graph.js';
import {
  type ApprovalChoice,
  type ApprovalDecider,
  type ApprovalRequest,
  constantApprovals,
} from './approval-decisions.js';
import type { ApprovalRecord, RunRecord } from './run-record.js';
import {
  type EvaluationReport,
  type ScenarioScorecard,
  type ScoreOptions,
  scoreRun,
  summarizeScorecards,
} from './score.js';

/** `createSoc` of `@rampart/agents`, or anything with its shape. */
export type CreateSoc = (options: SocOptions) => Soc;

/** Who the simulated analyst is: their name on the timeline and the roles the SOC checks approvals against. */
export interface SimulatedApprover {
  by: string;
  roles: readonly string[];
}

/** What a scenario run reports while it goes, for a command (or test) that shows it. */
export interface ScenarioEvents {
  /** Alerts arriving together, before the SOC handles them. */
  alertsArrived?(batch: { at: number; alerts: readonly SandboxAlert[] }): void;
  /** The simulated analyst's decision on a call that waited for approval, before the run resumes. */
  approvalDecided?(request: ApprovalRequest, choice: ApprovalChoice, at: number): void;
}

export interface EvaluateOptions {
  /** The model the agents reason with, e.g. `ruleBasedReasoner()` or `openAIModel(...)`. */
  model: ModelAdapter;
  /** Default: fresh in-memory stores for every scenario. A function is called once per scenario. */
  stores?: SocStores | ((scenario: Scenario) => SocStores | Promise<SocStores>);
  /** Default: `createSoc` of `@rampart/agents`, loaded when first needed. */
  createSoc?: CreateSoc;
  /** Agents replacing the built-in ones, stage by stage. */
  agents?: SocOptions['agents'];
  /** Governance policies; default the built-in ones. */
  policies?: SocOptions['policies'];
  /**
   * What the simulated analyst does with each approval request: `approve` (default), `deny`, `leave-pending`, or a
   * function deciding each one (`groundTruthApprovals` decides as the scenario's ground truth says).
   */
  approvals?: 'approve' | 'deny' | 'leave-pending' | ApprovalDecider;
  /** The simulated analyst. Default `sandbox-analyst` with the role `soc-lead` the built-in policies require. */
  approver?: SimulatedApprover;
  /** Simulated time the analyst takes to decide. Default 5 minutes. */
  approvalDelayMs?: number;
  /** Simulated time one model call takes (serial with everything else). Default 0. */
  modelLatencyMs?: number;
  /** Approval decisions per scenario at most, so a run that keeps asking ends. Default 20. */
  maxApprovals?: number;
  /** Ids of cases, runs and approvals. Default `sequentialIds()` per scenario; give one source to share stores. */
  ids?: IdSource;
  /** The tenant the scenario runs as. Default the scenario's (a function gets the scenario). */
  tenantId?: string | ((scenario: Scenario) => string);
  /** Progress while the scenario runs. */
  events?: ScenarioEvents;
  /** SOC time to contain a scenario must stay within (see `ScoreOptions`). Default 27 s. */
  timeToContainGoalMs?: number;
  /**
   * The context graph: `true` gives the SOC a fresh in-memory graph seeded with the scenario's `context` (travel
   * history, criticality, prior analyst cases); a `GraphStore` is used as it is (seed it with `seedContextGraph`).
   * Default `false`: no graph, no precedents, governance from the world only.
   */
  context?: boolean | GraphStore;
  /**
   * After the run, the simulated analyst reviews the first case's verdict against the ground truth: confirms it
   * when right, overrides it with the expected verdict when not (through `soc.feedback`). Needs `context`.
   */
  analystFeedback?: boolean;
  /** Passed to `createSandbox` (vendors, vendor latency, network settle turns, hosts outside the vendors). */
  sandbox?: Pick<SandboxOptions, 'vendors' | 'latencyMs' | 'network' | 'logger' | 'onUnhandledRequest' | 'handlers'>;
}

/** One scenario's run: its scorecard, the record it was scored from, and each case as the SOC left it. */
export interface ScenarioEvaluation {
  scenario: Scenario;
  /** The tenant it ran as. */
  tenantId: string;
  scorecard: ScenarioScorecard;
  record: RunRecord;
  /** The final state of every case the alerts touched, first case first. */
  results: SocResult[];
}

let loadedCreateSoc: Promise<CreateSoc> | undefined;

async function defaultCreateSoc(): Promise<CreateSoc> {
  loadedCreateSoc ??= import('@rampart/agents')
    .then((agents) => agents.createSoc)
    .catch((error: unknown) => {
      loadedCreateSoc = undefined;
      throw new Error('evaluateScenario needs @rampart/agents (npm i @rampart/agents) or a createSoc option', {
        cause: error,
      });
    });
  return loadedCreateSoc;
}

/** The tenant's governance as the scenario's world declares it: VIP accounts and critical hosts, by every id. */
export function governanceOf(world: World): GovernanceFactsInput {
  return {
    vips: world.users.filter((user) => user.vip).flatMap((user) => [`user:${user.email}`, user.id, user.objectId]),
    criticalAssets: world.hosts
      .filter((host) => host.criticality === 'critical')
      .flatMap((host) => [`host:${host.hostname}`, host.id, host.machineId]),
  };
}

/** Counts the model's calls and puts each on the simulated clock. */
function meteredModel(model: ModelAdapter, sandbox: Sandbox, latencyMs: number): ModelAdapter & { calls(): number } {
  let calls = 0;
  return {
    id: model.id,
    async generate(request) {
      calls++;
      if (latencyMs > 0) await sandbox.network.travel(latencyMs);
      return model.generate(request);
    },
    calls: () => calls,
  };
}

function alertBatches(sandbox: Sandbox): { at: number; alerts: SandboxAlert[] }[] {
  const batches: { at: number; alerts: SandboxAlert[] }[] = [];
  for (const alert of sandbox.alerts) {
    const last = batches.at(-1);
    if (last !== undefined && last.at === alert.arrivesAt) last.alerts.push(alert);
    else batches.push({ at: alert.arrivesAt, alerts: [alert] });
  }
  return batches;
}

function caseIdsOf(result: SocResult): string[] {
  return [result.case.id, ...(result.otherCases ?? []).flatMap(caseIdsOf)];
}

function deciderOf(option: EvaluateOptions['approvals']): ApprovalDecider | null {
  if (option === 'leave-pending') return null;
  if (typeof option === 'function') return option;
  return constantApprovals(option !== 'deny');
}

/** The connector and the tool's own name behind a SOC tool name (possibly namespaced): same object, same tool. */
function originOf(sandbox: Sandbox, tool: AnyTool | undefined): { connectorId: string; name: string } | undefined {
  if (tool === undefined) return undefined;
  for (const connector of sandbox.socConnectors) {
    for (const [name, candidate] of Object.entries(connector.tools)) {
      if (candidate === tool) return { connectorId: connector.id, name };
    }
  }
  return undefined;
}

/**
 * Runs one scenario end to end: a fresh sandbox, a SOC over its connectors (with the scenario's VIPs and critical
 * hosts as governance), the alerts handed over as they arrive, approval requests decided by a simulated analyst,
 * and the result scored against the scenario's ground truth.
 */
export async function evaluateScenario(
  input: Scenario | ScenarioInput,
  options: EvaluateOptions,
): Promise<ScenarioEvaluation> {
  const scenario = parseScenario(input);
  const createSoc = options.createSoc ?? (await defaultCreateSoc());
  const tenant = typeof options.tenantId === 'function' ? options.tenantId(scenario) : options.tenantId;
  const sandbox = createSandbox({
    onUnhandledRequest: 'bypass',
    ...options.sandbox,
    scenario,
    ...(tenant !== undefined && { tenantId: tenant }),
  });
  try {
    const { world, clock, tenantId } = sandbox;
    const model = meteredModel(options.model, sandbox, options.modelLatencyMs ?? 0);
    const stores =
      typeof options.stores === 'function'
        ? await options.stores(scenario)
        : (options.stores ?? {
            cases: new MemoryCaseStore(),
            audit: new MemoryAuditStore(),
            runs: new MemoryRunStore(),
          });
    let graph: GraphStore | undefined;
    if (options.context instanceof Object) graph = options.context;
    else if (options.context === true) {
      graph = new MemoryGraphStore();
      await seedContextGraph(graph, scenario, tenantId);
    }
    const soc = createSoc({
      ...(graph !== undefined && { graph }),
      stores,
      model,
      connectors: sandbox.socConnectors,
      governance: governanceOf(world),
      clock,
      ids: options.ids ?? sequentialIds(),
      ...(options.agents !== undefined && { agents: options.agents }),
      ...(options.policies !== undefined && { policies: options.policies }),
    });

    const batches = alertBatches(sandbox);
    const startedAt = batches[0]?.at ?? clock.now();
    const caseIds: string[] = [];
    const remember = (result: SocResult) => {
      for (const id of caseIdsOf(result)) if (!caseIds.includes(id)) caseIds.push(id);
    };
    const approvals = new Map<string, ApprovalRecord>();
    const decider = deciderOf(options.approvals);
    const approver = options.approver ?? { by: 'sandbox-analyst', roles: ['soc-lead'] };
    const delayMs = options.approvalDelayMs ?? 5 * 60_000;
    const maxApprovals = options.maxApprovals ?? 20;
    let decided = 0;

    const requestOf = (view: PendingApprovalView): ApprovalRequest => {
      const tool = soc.tools[view.tool];
      const origin = originOf(sandbox, tool);
      return {
        scenario,
        world,
        approvalId: view.approvalId,
        caseId: view.caseId,
        tool: view.tool,
        risk: view.risk,
        input: view.input,
        reason: view.reason,
        ...(view.approverRole !== undefined && { approverRole: view.approverRole }),
        requestedAt: view.requestedAt,
        // The matchers read vendor calls; the call a human is asked about is described the same way, before it runs.
        action: {
          sequence: 0,
          connectorId: origin?.connectorId ?? '',
          tool: origin?.name ?? view.tool,
          risk: view.risk,
          capabilities: [...(tool?.capabilities ?? [])],
          input: (typeof view.input === 'object' && view.input !== null ? view.input : {}) as Record<string, unknown>,
          targets: world.resolveTargets(view.input),
          startedAt: view.requestedAt,
          completedAt: view.requestedAt,
          status: 0,
          outcome: 'succeeded',
        },
      };
    };

    const decidePending = async () => {
      for (;;) {
        const pending = await soc.pendingApprovals({ tenantId });
        for (const view of pending) {
          if (approvals.has(view.approvalId)) continue;
          const event = world.recordEvent('approval-requested', { approvalId: view.approvalId, tool: view.tool });
          approvals.set(view.approvalId, {
            approvalId: view.approvalId,
            tool: view.tool,
            capabilities: [...(soc.tools[view.tool]?.capabilities ?? [])],
            input: view.input,
            targets: world.resolveTargets(view.input),
            requestedAt: view.requestedAt,
            requestedSequence: event.sequence,
            decision: 'pending',
          });
        }
        const next = pending[0];
        if (decider === null || next === undefined || decided >= maxApprovals) return;
        clock.advance(delayMs);
        const request = requestOf(next);
        const choice = await decider(request);
        const record = approvals.get(next.approvalId)!;
        const event = world.recordEvent(choice.approve ? 'approval-granted' : 'approval-denied', {
          approvalId: next.approvalId,
        });
        record.decision = choice.approve ? 'approved' : 'denied';
        record.decidedAt = event.at;
        record.decidedSequence = event.sequence;
        decided++;
        options.events?.approvalDecided?.(request, choice, clock.now());
        const decision = { by: approver.by, roles: approver.roles, rationale: choice.reason };
        remember(
          choice.approve ? await soc.approve(next.approvalId, decision) : await soc.deny(next.approvalId, decision),
        );
      }
    };

    for (const batch of batches) {
      if (clock.now() < batch.at) clock.set(batch.at);
      options.events?.alertsArrived?.(batch);
      remember(
        await soc.handle(
          batch.alerts.flatMap((alert) => alert.alerts),
          { tenantId },
        ),
      );
      await decidePending();
    }

    const results = await Promise.all(caseIds.map((caseId) => soc.caseResult(caseId, { tenantId })));
    const open = results.filter((result) => result.case.mergedInto === null);
    const primary = results[0];
    const toolCalls = results
      .flatMap((result) => result.timeline)
      .filter(
        (entry) => entry.type === 'tool-call' && (entry.data.status === 'executed' || entry.data.status === 'failed'),
      ).length;
    const record: RunRecord = {
      scenarioId: scenario.id,
      startedAt,
      endedAt: clock.now(),
      verdict:
        primary?.verdict === null || primary === undefined
          ? null
          : { value: primary.verdict.value, confidence: primary.verdict.confidence },
      caseCount: open.length,
      actions: [...world.actions],
      approvals: [...approvals.values()],
      toolCalls,
      modelCalls: model.calls(),
      runStatuses: open.map((result) => result.status),
      escalations: open.flatMap((result) => (result.escalation === null ? [] : [result.escalation.reason])),
      errors: open.flatMap((result) => (result.error === null ? [] : [result.error])),
    };
    const scorecard = scoreRun(scenario, record, scoreOptionsOf(options));
    if (options.analystFeedback === true && graph !== undefined && primary?.verdict != null) {
      const right = scenario.expectedVerdict.includes(primary.verdict.value);
      await soc.feedback({
        tenantId,
        caseId: primary.case.id,
        analyst: approver.by,
        kind: right ? 'verdict-confirmed' : 'verdict-overridden',
        ...(!right && { verdict: scenario.expectedVerdict[0]! }),
        rationale: right
          ? `Agreed: ${primary.verdict.value}`
          : `Reviewed: ${scenario.expectedVerdict[0]!.replaceAll('_', ' ')}, not ${primary.verdict.value.replaceAll('_', ' ')}. ${scenario.title}`,
      });
    }
    return { scenario, tenantId, scorecard, record, results };
  } finally {
    await sandbox.close();
  }
}

function scoreOptionsOf(options: EvaluateOptions): ScoreOptions {
  return options.timeToContainGoalMs === undefined ? {} : { timeToContainGoalMs: options.timeToContainGoalMs };
}

/** The record of a run that could not be carried out: nothing happened, and why. */
function failedRecord(scenario: Scenario, error: unknown): RunRecord {
  return {
    scenarioId: scenario.id,
    startedAt: scenario.startAt,
    endedAt: scenario.startAt,
    verdict: null,
    caseCount: 0,
    actions: [],
    approvals: [],
    toolCalls: 0,
    modelCalls: 0,
    runStatuses: ['failed'],
    escalations: [],
    errors: [error instanceof Error ? `${error.name}: ${error.message}` : String(error)],
  };
}

export interface EvaluateAllOptions extends EvaluateOptions {
  onScenario?: (evaluation: ScenarioEvaluation) => void | Promise<void>;
  /** Rethrow the first scenario that cannot be run. Default false: it is scored as failed and the rest go on. */
  stopOnError?: boolean;
}

/**
 * Runs every scenario, one after the other (msw patches the global `fetch`), and scores them. A scenario that cannot
 * be run (a connector the sandbox lacks, a SOC that throws) is scored as failed with the error in `run.errors`.
 */
export async function evaluateAll(
  scenarios: readonly (Scenario | ScenarioInput)[],
  options: EvaluateAllOptions,
): Promise<EvaluationReport> {
  const scorecards: ScenarioScorecard[] = [];
  for (const input of scenarios) {
    const scenario = parseScenario(input);
    let evaluation: ScenarioEvaluation;
    try {
      evaluation = await evaluateScenario(scenario, options);
    } catch (error) {
      if (options.stopOnError) throw error;
      const record = failedRecord(scenario, error);
      const scorecard = scoreRun(scenario, record, scoreOptionsOf(options));
      scorecard.failures.unshift(`run failed: ${record.errors[0]}`);
      const tenantId = typeof options.tenantId === 'function' ? options.tenantId(scenario) : options.tenantId;
      evaluation = { scenario, tenantId: tenantId ?? scenario.tenantId, scorecard, record, results: [] };
    }
    scorecards.push(evaluation.scorecard);
    await options.onScenario?.(evaluation);
  }
  return {
    model: options.model.id,
    scenarios: scorecards,
    overall: summarizeScorecards(scorecards, scoreOptionsOf(options)),
  };
}
