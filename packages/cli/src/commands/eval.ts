import { createSoc, ruleBasedReasoner } from '@rampart/agents';
import {
  type EvaluationReport,
  evaluateAll,
  evaluateContextGain,
  groundTruthApprovals,
  renderScorecards,
  summarizeScorecards,
} from '@rampart/sandbox';
import type { Write } from '../output.js';
import { selectScenarios } from '../scenarios/select-scenarios.js';
import { renderContextGain } from './render-context-gain.js';

/**
 * `rampart eval [scenario files...]`: scores each scenario (default: every shipped one) with the sandbox's eval
 * harness and the rule-based reasoner, approvals decided as each scenario's ground truth says (as in the demo),
 * and prints the scorecards (or the report as JSON): verdict accuracy, required-action recall, forbidden actions
 * taken, approvals respected, simulated time to contain, tool and model calls. Exits 1 when any scenario misses
 * its expectations, so CI catches a regression.
 *
 * The SOC runs with a context graph seeded from each scenario's `context`, unless `--without-context`. With the
 * graph, the scenarios tagged `context` are also run without it and after a round of simulated analyst feedback,
 * and the gain is printed (under `contextGain` in `--json`). Scenarios tagged `feedback` are scored after the round of
 * feedback they are written to learn from.
 */
export async function runEval(
  arguments_: { files: readonly string[]; json: boolean; withoutContext?: boolean },
  out: Write,
): Promise<number> {
  const scenarios = await selectScenarios(arguments_.files);
  const withContext = arguments_.withoutContext !== true;
  const options = { model: ruleBasedReasoner(), createSoc, approvals: groundTruthApprovals };
  // A scenario tagged `feedback` is written to be learnt from an analyst's feedback: with the graph, it is scored
  // after that round of feedback (from the context section), not on a first run that cannot know the answer yet.
  const learnt = (scenario: (typeof scenarios)[number]) => withContext && scenario.tags.includes('feedback');
  const firstRun = await evaluateAll(
    scenarios.filter((scenario) => !learnt(scenario)),
    { ...options, context: withContext },
  );
  const contextual = scenarios.filter((scenario) => scenario.tags.includes('context'));
  const gain = withContext && contextual.length > 0 ? await evaluateContextGain(contextual, options) : undefined;
  const scorecards = scenarios.map((scenario) =>
    learnt(scenario)
      ? gain!.afterFeedback.scenarios.find((card) => card.scenarioId === scenario.id)!
      : firstRun.scenarios.find((card) => card.scenarioId === scenario.id)!,
  );
  const report: EvaluationReport = {
    model: firstRun.model,
    scenarios: scorecards,
    overall: summarizeScorecards(scorecards),
  };
  if (arguments_.json) {
    out(
      `${JSON.stringify({ ...report, context: withContext, ...(gain !== undefined && { contextGain: gain }) }, null, 2)}\n`,
    );
  } else {
    out(renderScorecards(report));
    for (const scenario of scenarios.filter(learnt)) {
      out(`${scenario.id}: scored after one round of simulated analyst feedback (see Context gain)\n`);
    }
    if (!withContext) out('\nRun without the context graph and precedents (--without-context).\n');
    if (gain !== undefined) out(renderContextGain(gain));
  }
  return report.overall.passed === report.overall.scenarios ? 0 : 1;
}
