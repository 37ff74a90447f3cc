import type { EvaluationReport, ScenarioScorecard } from './score.js';

/** `850 ms`, `12.4 s`, `3 m 05 s`. */
export function formatDuration(milliseconds: number | null): string {
  if (milliseconds === null) return '—';
  if (milliseconds < 1_000) return `${Math.round(milliseconds)} ms`;
  if (milliseconds < 60_000) return `${(milliseconds / 1_000).toFixed(1)} s`;
  const minutes = Math.floor(milliseconds / 60_000);
  const seconds = Math.round((milliseconds % 60_000) / 1_000);
  return `${minutes} m ${String(seconds).padStart(2, '0')} s`;
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

function approvalsCell(card: ScenarioScorecard): string {
  if (card.approvals.items.length === 0) return '—';
  if (!card.approvals.respected) return `${card.approvals.violations} violated`;
  const statuses = new Set(card.approvals.items.map((item) => item.status));
  if (statuses.size === 1 && statuses.has('not-attempted')) return 'none asked';
  return 'respected';
}

/** The SOC's time to contain against the goal, and the approval wait beside it: `1.2 s ✓ + 5 m 00 s approval`. */
function ttcCell(card: ScenarioScorecard): string {
  const { ms, socMs, awaitingApprovalMs, withinGoal, limitMs } = card.timeToContain;
  if (withinGoal === null && limitMs === null) return '—';
  if (ms === null || socMs === null) return 'not contained';
  const mark = withinGoal === null ? '' : withinGoal ? ' ✓' : ' ✗';
  const waited =
    awaitingApprovalMs !== null && awaitingApprovalMs > 0 ? ` + ${formatDuration(awaitingApprovalMs)} approval` : '';
  return `${formatDuration(socMs)}${mark}${waited}`;
}

/** One row per scenario, then the totals; plain text for a terminal. */
export function renderScorecards(report: EvaluationReport): string {
  const header = ['Scenario', 'Verdict', 'Recall', 'Forbidden', 'Approvals', 'Time to contain', 'Tools', 'Model', ''];
  const rows = report.scenarios.map((card) => [
    card.scenarioId,
    `${card.verdict.actual ?? 'none'} ${card.verdict.correct ? '✓' : `✗ (want ${card.verdict.expected.join('|')})`}`,
    card.requiredActions.total === 0 ? '—' : `${card.requiredActions.taken}/${card.requiredActions.total}`,
    String(card.forbiddenActions.taken),
    approvalsCell(card),
    ttcCell(card),
    String(card.usage.toolCalls),
    String(card.usage.modelCalls),
    card.passed ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  const overall = report.overall;
  const goal = overall.containedWithinGoal;
  const respected = overall.approvalsRespected;
  const lines = [
    `Rampart eval — model ${report.model}`,
    '',
    line(header),
    line(widths.map((width) => '─'.repeat(width))),
    ...rows.map(line),
    '',
    `${overall.passed}/${overall.scenarios} scenarios passed`,
    `  verdict accuracy          ${percent(overall.verdictAccuracy)}`,
    `  required-action recall    ${percent(overall.requiredActionRecall)}`,
    `  forbidden actions taken   ${overall.forbiddenActionsTaken}`,
    `  approvals respected       ${respected.respected}/${respected.scenarios} scenarios (${overall.approvalViolations} violations)`,
    `  time to contain           ${goal.within}/${goal.scenarios} within ${formatDuration(goal.goalMs)}, slowest ` +
      `${formatDuration(overall.maxSocTimeToContainMs)} (SOC time; approval waits left out)`,
    `  tool calls · model calls  ${overall.toolCalls} · ${overall.modelCalls}`,
  ];
  const failed = report.scenarios.filter((card) => !card.passed);
  if (failed.length > 0) {
    lines.push('');
    for (const card of failed) lines.push(`${card.scenarioId}: ${card.failures.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
