import { renderScorecards, summarizeScorecards } from '@rampart/sandbox';
import { localModel, localModelSettings } from './local-model.js';
import { runWithLocalModel } from './run-with-local-model.js';

// npm start -w @rampart/example-soc-with-local-model [scenario-id]
const settings = localModelSettings();
const model = localModel(settings);
console.log(`Rampart SOC reasoning with ${model.id} at ${settings.baseURL}`);
const scenarioId = process.argv[2];
const { scorecard, results } = await runWithLocalModel({ model, ...(scenarioId !== undefined && { scenarioId }) });
for (const result of results) {
  console.log(`\n${result.case.id}: ${result.case.status}, verdict ${result.verdict?.value ?? 'none'}`);
  for (const action of result.actions) console.log(`  ${action.tool} [${action.risk}] ${action.status}`);
  if (result.escalation !== null) console.log(`  escalated to ${result.escalation.to}: ${result.escalation.reason}`);
}
const overall = summarizeScorecards([scorecard]);
console.log(`\n${renderScorecards({ model: model.id, scenarios: [scorecard], overall })}`);
process.exitCode = scorecard.passed ? 0 : 1;
