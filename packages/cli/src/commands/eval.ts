import { createSoc, ruleBasedReasoner } from '@rampart/agents';
import { evaluateAll, groundTruthApprovals, renderScorecards } from '@rampart/sandbox';
import type { Write } from '../output.js';
import { selectScenarios } from '../scenarios/select-scenarios.js';

/**
 * `rampart eval [scenario files...]`: scores each scenario (default: every shipped one) with the sandbox's eval
 * harness and the rule-based reasoner, approvals decided as each scenario's ground truth says (as in the demo),
 * and prints the scorecards (or the report as JSON): verdict accuracy, required-action recall, forbidden actions
 * taken, approvals respected, simulated time to contain, tool and model calls. Exits 1 when any scenario misses
 * its expectations, so CI catches a regression.
 */
export async function runEval(arguments_: { files: readonly string[]; json: boolean }, out: Write): Promise<number> {
  const scenarios = await selectScenarios(arguments_.files);
  const report = await evaluateAll(scenarios, {
    model: ruleBasedReasoner(),
    createSoc,
    approvals: groundTruthApprovals,
  });
  out(arguments_.json ? `${JSON.stringify(report, null, 2)}\n` : renderScorecards(report));
  return report.overall.passed === report.overall.scenarios ? 0 : 1;
}
