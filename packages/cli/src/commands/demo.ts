import { rmSync } from 'node:fs';
import { createSoc, ruleBasedReasoner } from '@rampart/agents';
import {
  AuditLog,
  type CaseStore,
  type RunStore,
  alertTitle,
  ManualClock,
  MemoryCaseStore,
  MemoryRunStore,
  sequentialIds,
  severityLabel,
} from '@rampart/core';
import {
  evaluateScenario,
  formatDuration,
  groundTruthApprovals,
  type Scenario,
  type ScenarioEvaluation,
  type ScenarioScorecard,
  seedContextGraph,
} from '@rampart/sandbox';
import { sqliteStores } from '@rampart/store-sqlite';
import { oneLine, type Write } from '../output.js';
import { clockTime } from '../render-case.js';
import { observedCaseStore } from '../scenarios/observed-case-store.js';
import { countActions, describeOutcome, progressLine } from '../scenarios/progress.js';
import { selectScenarios } from '../scenarios/select-scenarios.js';

/**
 * Each scenario runs as its own tenant (`<scenario tenant>/<scenario id>`): scenarios share users and hosts, and
 * in one tenant the alerts of one would correlate into, or de-duplicate against, the cases of another.
 */
export const demoTenantOf = (scenario: Scenario) => `${scenario.tenantId}/${scenario.id}`;

/** `1.6 s` or `900 ms + 5 m 00 s awaiting approval`: the SOC's own time, and a human's beside it. */
function describeTimeToContain(card: ScenarioScorecard): string {
  const { socMs, awaitingApprovalMs } = card.timeToContain;
  if (socMs === null) return '—';
  const waited = awaitingApprovalMs ? ` + ${formatDuration(awaitingApprovalMs)} awaiting approval` : '';
  return `${formatDuration(socMs)}${waited}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `rampart demo [scenario...]`: runs the sandbox scenarios (every shipped one, or those named by id or file) end to end, offline,
 * with the rule-based reasoner, into a fresh SQLite database: each case's timeline as it happens, approvals
 * decided as the scenario's ground truth says, a summary, and the audit log verified. Returns the exit code.
 */
export async function runDemo(
  options: { databasePath: string; scenarios: readonly string[] },
  out: Write,
  errorOut: Write,
): Promise<number> {
  const scenarios = await selectScenarios(options.scenarios);
  // The demo database is the demo's own: every run starts it anew so its output is the same each time.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.databasePath}${suffix}`, { force: true });
  const stores = sqliteStores(options.databasePath);
  try {
    const model = ruleBasedReasoner();
    const ids = sequentialIds();
    const cases = observedCaseStore(stores.cases, (entry) => {
      out(`  ${clockTime(entry.at)}  ${entry.caseId}  ${progressLine(entry, model.label)}\n`);
    });
    out(`Rampart demo: ${scenarios.length} sandbox scenario(s), offline · reasoner: ${model.label}\n`);

    const runs: ScenarioEvaluation[] = [];
    for (const [index, scenario] of scenarios.entries()) {
      const connectors = [...new Set(scenario.alerts.map((alert) => alert.connector))];
      out(`\n[${index + 1}/${scenarios.length}] ${scenario.id}: ${scenario.title}\n`);
      out(
        `  tenant ${demoTenantOf(scenario)} · ${scenario.alerts.length} alert(s) from ${connectors.join(', ')} · ` +
          `expected verdict ${scenario.expectedVerdict.join(' or ')}\n`,
      );
      // The tenant's context graph lives in the same database: travel history, criticality, prior analyst cases.
      await seedContextGraph(stores.graph, scenario, demoTenantOf(scenario));
      // A scenario written to be learnt from feedback runs twice: the analyst reviews the first run's verdict.
      const learnsFromFeedback = scenario.tags.includes('feedback');
      // Every scenario lands in one database and one audit log, decided as its ground truth says.
      const evaluate = (
        analystFeedback: boolean,
        caseStores: { cases: CaseStore; runs: RunStore } = { cases, runs: stores.runs },
      ) =>
        evaluateScenario(scenario, {
          context: stores.graph,
          analystFeedback,
          createSoc,
          stores: { ...caseStores, audit: stores.audit },
          model,
          ids,
          tenantId: demoTenantOf(scenario),
          approvals: groundTruthApprovals,
          approver: { by: 'demo-analyst', roles: ['soc-lead'] },
          sandbox: { onUnhandledRequest: 'error' },
          events: {
            alertsArrived: ({ at, alerts }) => {
              for (const item of alerts) {
                for (const alert of item.alerts) {
                  out(
                    `  ${clockTime(at)}  ▸ ${item.connectorId} alert: ${oneLine(alertTitle(alert), 100)} ` +
                      `[${severityLabel(alert.severity_id)}]\n`,
                  );
                }
              }
            },
            approvalDecided: (request, choice, at) => {
              out(
                `  ${clockTime(at)}  ${request.caseId}  analyst ${choice.approve ? 'approves' : 'denies'} ` +
                  `${request.approvalId} (${request.tool}, ${request.risk}): ${choice.reason}; the run resumes\n`,
              );
            },
          },
        });
      let run = await evaluate(learnsFromFeedback);
      if (learnsFromFeedback) {
        const first = run.results[0];
        out(
          `  → ${first?.case.id ?? 'no case'} ${first === undefined ? '' : describeOutcome(first)}\n` +
            `  analyst demo-analyst reviews the verdict (${first?.verdict?.value ?? 'none'}) and records feedback; the same alert arrives again\n`,
        );
        // The alert arrives again as new: its first case stays in the database, the replay's case in memory (the
        // same alert in the same case store would be a duplicate). The graph and the audit log are the same.
        run = await evaluate(false, {
          cases: observedCaseStore(new MemoryCaseStore(), (entry) => {
            out(`  ${clockTime(entry.at)}  ${entry.caseId}  ${progressLine(entry, model.label)}\n`);
          }),
          runs: new MemoryRunStore(),
        });
      }
      runs.push(run);
      for (const result of run.results) out(`  → ${result.case.id} ${describeOutcome(result)}\n`);
      const card = run.scorecard;
      out(
        `  scorecard: ${card.passed ? 'PASS' : 'FAIL'} · verdict ${card.verdict.correct ? 'as expected' : 'wrong'} · ` +
          `required actions ${card.requiredActions.taken}/${card.requiredActions.total} · ` +
          `forbidden actions taken ${card.forbiddenActions.taken} · ` +
          `approvals ${card.approvals.respected ? 'respected' : `violated ${card.approvals.violations}`} · ` +
          `time to contain ${describeTimeToContain(card)}\n`,
      );
      for (const failure of card.failures) out(`    ✗ ${failure}\n`);
    }

    out('\nSummary\n\n');
    const rows = [['Scenario', 'Cases', 'Verdict', 'Executed', 'Pending', 'Denied', 'Time to contain', 'Result']];
    for (const run of runs) {
      const counts = countActions(run.results.flatMap((result) => result.actions));
      rows.push([
        run.scenario.id,
        run.results.map((result) => result.case.id).join(' '),
        `${run.scorecard.verdict.actual ?? 'none'}${run.scorecard.verdict.correct ? '' : ` (want ${run.scenario.expectedVerdict.join('|')})`}`,
        String(counts.executed),
        String(counts.pending),
        String(counts.denied),
        describeTimeToContain(run.scorecard),
        run.scorecard.passed ? 'PASS' : 'FAIL',
      ]);
    }
    for (const line of table(rows)) out(`  ${line}\n`);
    const passed = runs.filter((run) => run.scorecard.passed).length;
    const forbidden = runs.reduce((sum, run) => sum + run.scorecard.forbiddenActions.taken, 0);
    out(`\n${passed}/${runs.length} scenario(s) as expected · forbidden actions taken ${forbidden}\n\n`);

    // Sign a head as of the last scenario's simulated end, so the same scenarios give the same output.
    const clock = new ManualClock(Math.max(0, ...runs.map((run) => run.record.endedAt)));
    const audit = await AuditLog.open(stores.audit, { clock });
    const head = await audit.signTreeHead();
    const verification = await audit.verify();
    if (!verification.ok) {
      errorOut(`audit log: bad leaf ${verification.firstBadLeaf}: ${verification.reason}\n`);
      return 1;
    }
    out(`audit log: ok ${verification.size} leaves root ${verification.root}\n`);
    out(`signed tree head: size ${head.treeSize}, key ${head.keyId.slice(0, 16)}…\n`);
    const firstCase = runs[0]?.results[0]?.case.id;
    out(`database: ${options.databasePath} (try "rampart audit verify --db ${options.databasePath}"`);
    out(
      firstCase === undefined
        ? ')\n'
        : ` or "rampart report ${firstCase} --html case.html --db ${options.databasePath}")\n`,
    );
    return 0;
  } finally {
    stores.close();
  }
}
