import { type IdSource, MemoryGraphStore, sequentialIds } from '@rampart/core';
import { parseScenario } from '../scenario/load-scenario.js';
import type { Scenario, ScenarioInput } from '../scenario/scenario.js';
import { type EvaluateOptions, evaluateScenario } from './evaluate.js';
import { type EvaluationReport, type ScenarioScorecard, summarizeScorecards } from './score.js';
import { seedContextGraph } from './seed-context-graph.js';

/** The same scenarios run three ways: what the context graph and analyst feedback are worth. */
export interface ContextGainReport {
  /** No graph: governance from the world only, no profiles, no precedents. */
  withoutContext: EvaluationReport;
  /** The graph seeded with each scenario's `context`. */
  withContext: EvaluationReport;
  /** Again with the same graphs, after the simulated analyst confirmed or overrode each verdict of the first run. */
  afterFeedback: EvaluationReport;
}

/** Ids of a later round: its cases never collide with the earlier round's in the graph. */
function roundIds(round: string): IdSource {
  const ids = sequentialIds();
  return { next: (prefix) => ids.next(`${prefix}-${round}`) };
}

function report(model: string, scorecards: ScenarioScorecard[]): EvaluationReport {
  return { model, scenarios: scorecards, overall: summarizeScorecards(scorecards) };
}

/**
 * Runs each scenario without the graph, with it, then once more on the same graph after a round of simulated
 * analyst feedback (see `EvaluateOptions.analystFeedback`). Each scenario has its own graph, so feedback on one
 * never leaks into another. The gain comes only from what the agents read in the graph.
 */
export async function evaluateContextGain(
  inputs: readonly (Scenario | ScenarioInput)[],
  options: Omit<EvaluateOptions, 'context' | 'analystFeedback' | 'ids'>,
): Promise<ContextGainReport> {
  const without: ScenarioScorecard[] = [];
  const withContext: ScenarioScorecard[] = [];
  const after: ScenarioScorecard[] = [];
  for (const input of inputs) {
    const scenario = parseScenario(input);
    without.push((await evaluateScenario(scenario, { ...options, context: false, ids: roundIds('a') })).scorecard);
    const graph = new MemoryGraphStore();
    const tenantId = typeof options.tenantId === 'function' ? options.tenantId(scenario) : options.tenantId;
    await seedContextGraph(graph, scenario, tenantId ?? scenario.tenantId);
    const first = await evaluateScenario(scenario, {
      ...options,
      context: graph,
      analystFeedback: true,
      ids: roundIds('b'),
    });
    withContext.push(first.scorecard);
    after.push((await evaluateScenario(scenario, { ...options, context: graph, ids: roundIds('c') })).scorecard);
  }
  return {
    withoutContext: report(options.model.id, without),
    withContext: report(options.model.id, withContext),
    afterFeedback: report(options.model.id, after),
  };
}
