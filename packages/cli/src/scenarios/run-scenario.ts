import {
  caseToolNames,
  createSoc,
  createToolRegistry,
  type PendingApprovalView,
  type SocResult,
  type SocStores,
} from '@rampart/agents';
import type { Alert, IdSource, ModelAdapter } from '@rampart/core';
import {
  type ApprovalRecord,
  createSandbox,
  governanceOf,
  type RunRecord,
  type SandboxAlert,
  type Scenario,
  type ScenarioScorecard,
  scoreRun,
} from '@rampart/sandbox';
import { type ApprovalChoice, groundTruthChoice } from './ground-truth-approvals.js';

/** What a scenario run reports while it goes, for a command that shows it. */
export interface ScenarioRunEvents {
  /** Alerts arriving together, before the SOC handles them. */
  alertsArrived?(batch: { at: number; alerts: readonly SandboxAlert[] }): void;
  /** A simulated analyst's decision on a call that waited for approval, before the run resumes. */
  approvalDecided?(view: PendingApprovalView, choice: ApprovalChoice, at: number): void;
}

export interface ScenarioRunOptions {
  stores: SocStores;
  model: ModelAdapter;
  ids: IdSource;
  /** Default the scenario's tenant. */
  tenantId?: string;
  /** Simulated time the analyst takes to decide. Default 5 minutes, as in the eval harness. */
  approvalDelayMs?: number;
  /** Decisions per scenario at most, so a run that keeps asking ends. Default 20. */
  maxApprovals?: number;
  events?: ScenarioRunEvents;
}

export interface ScenarioRun {
  scenario: Scenario;
  tenantId: string;
  scorecard: ScenarioScorecard;
  record: RunRecord;
  /** Every case the alerts touched, as the SOC left it, first case first. */
  results: SocResult[];
}

function caseIdsOf(result: SocResult): string[] {
  return [result.case.id, ...(result.otherCases ?? []).flatMap(caseIdsOf)];
}

/**
 * Runs one scenario the way `evaluateScenario` of `@rampart/sandbox` does (a fresh sandbox, a SOC over its
 * connectors with the world's VIPs and critical hosts as governance, alerts handed over as they arrive, the result
 * scored against the ground truth), with two differences a demo needs: the caller's stores and ids, so every
 * scenario lands in one database and one audit log, and approvals decided as the scenario's ground truth says
 * rather than all one way.
 */
export async function runScenario(scenario: Scenario, options: ScenarioRunOptions): Promise<ScenarioRun> {
  const sandbox = createSandbox({
    scenario,
    onUnhandledRequest: 'error',
    ...(options.tenantId !== undefined && { tenantId: options.tenantId }),
  });
  try {
    const { world, clock, tenantId } = sandbox;
    let modelCalls = 0;
    const model: ModelAdapter = {
      id: options.model.id,
      generate(request) {
        modelCalls++;
        return options.model.generate(request);
      },
    };
    const soc = createSoc({
      stores: options.stores,
      model,
      connectors: sandbox.socConnectors,
      governance: governanceOf(world),
      clock,
      ids: options.ids,
    });
    // The same registry the SOC builds, to know which connector and capabilities a (namespaced) tool name has.
    const registry = createToolRegistry({ connectors: sandbox.socConnectors, reservedNames: caseToolNames });

    const batches: { at: number; alerts: SandboxAlert[] }[] = [];
    for (const alert of sandbox.alerts) {
      const last = batches.at(-1);
      if (last !== undefined && last.at === alert.arrivesAt) last.alerts.push(alert);
      else batches.push({ at: alert.arrivesAt, alerts: [alert] });
    }
    const startedAt = batches[0]?.at ?? clock.now();
    const caseIds: string[] = [];
    const remember = (result: SocResult) => {
      for (const id of caseIdsOf(result)) if (!caseIds.includes(id)) caseIds.push(id);
    };
    const approvals = new Map<string, ApprovalRecord>();
    const delayMs = options.approvalDelayMs ?? 5 * 60_000;
    const maxApprovals = options.maxApprovals ?? 20;
    let decided = 0;

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
        if (next === undefined || decided >= maxApprovals) return;
        clock.advance(delayMs);
        const choice = groundTruthChoice(scenario, world, next, registry.get(next.tool));
        const record = approvals.get(next.approvalId)!;
        const event = world.recordEvent(choice.approve ? 'approval-granted' : 'approval-denied', {
          approvalId: next.approvalId,
        });
        record.decision = choice.approve ? 'approved' : 'denied';
        record.decidedAt = event.at;
        record.decidedSequence = event.sequence;
        decided++;
        options.events?.approvalDecided?.(next, choice, clock.now());
        const decision = { by: 'demo-analyst', rationale: `Ground truth: ${choice.reason}` };
        remember(
          choice.approve ? await soc.approve(next.approvalId, decision) : await soc.deny(next.approvalId, decision),
        );
      }
    };

    for (const batch of batches) {
      if (clock.now() < batch.at) clock.set(batch.at);
      options.events?.alertsArrived?.(batch);
      const alerts: Alert[] = batch.alerts.flatMap((alert) => alert.alerts);
      remember(await soc.handle(alerts, { tenantId }));
      await decidePending();
    }

    const results = await Promise.all(caseIds.map((caseId) => soc.caseResult(caseId, { tenantId })));
    const open = results.filter((result) => result.case.mergedInto === null);
    const primary = results[0];
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
      toolCalls: results
        .flatMap((result) => result.timeline)
        .filter(
          (entry) => entry.type === 'tool-call' && (entry.data.status === 'executed' || entry.data.status === 'failed'),
        ).length,
      modelCalls,
      runStatuses: open.map((result) => result.status),
      escalations: open.flatMap((result) => (result.escalation === null ? [] : [result.escalation.reason])),
      errors: open.flatMap((result) => (result.error === null ? [] : [result.error])),
    };
    return { scenario, tenantId, scorecard: scoreRun(scenario, record), record, results };
  } finally {
    await sandbox.close();
  }
}
