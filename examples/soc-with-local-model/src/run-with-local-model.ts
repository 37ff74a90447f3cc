import { createSoc } from '@rampart/agents';
import type { ModelAdapter } from '@rampart/core';
import {
  type EvaluateOptions,
  evaluateScenario,
  groundTruthApprovals,
  type ScenarioEvaluation,
  shippedScenarios,
} from '@rampart/sandbox';

export interface LocalModelRunOptions {
  model: ModelAdapter;
  /** A scenario shipped with @rampart/sandbox. Default `prompt-injection-email`. */
  scenarioId?: string;
  /** Simulated time one model call takes: a local model's answer is seconds, not the sandbox's zero. Default 0. */
  modelLatencyMs?: number;
  /** Sandbox settings; tests pass msw handlers that stand in for the model server. */
  sandbox?: EvaluateOptions['sandbox'];
}

/**
 * Runs one sandbox scenario end to end with `createSoc` reasoning through `model`: the alerts of a simulated
 * tenant, its vendors behind the real connectors, every tool call through the gate, approvals decided as the
 * scenario's ground truth says. Returns the scorecard, the record it was scored from, and each case as the SOC
 * left it.
 */
export async function runWithLocalModel(options: LocalModelRunOptions): Promise<ScenarioEvaluation> {
  const scenarioId = options.scenarioId ?? 'prompt-injection-email';
  const scenario = (await shippedScenarios()).find((candidate) => candidate.id === scenarioId);
  if (scenario === undefined) throw new Error(`@rampart/sandbox ships no scenario "${scenarioId}"`);
  return evaluateScenario(scenario, {
    model: options.model,
    // The SOC is Rampart's own: built-in agents, the gate, the built-in governance policies. Only the model is yours.
    createSoc: (socOptions) => createSoc({ ...socOptions, concurrency: 4 }),
    approvals: groundTruthApprovals,
    ...(options.modelLatencyMs !== undefined && { modelLatencyMs: options.modelLatencyMs }),
    ...(options.sandbox !== undefined && { sandbox: options.sandbox }),
  });
}
