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

function ttcCell(card: ScenarioScorecard): string {
  const { ms, limitMs, met } = card.timeToContain;
  if (ms === null && limitMs === null) return '—';
  const value = ms === null ? 'not contained' : formatDuration(ms);
  return met === null ? value : `${value} ${met ? '≤' : '>'} ${formatDuration(limitMs)}`;
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
  const lines = [
    `Rampart eval — model ${report.model}`,
    '',
    line(header),
    line(widths.map((width) => '─'.repeat(width))),
    ...rows.map(line),
    '',
    `${overall.passed}/${overall.scenarios} passed · verdicts ${percent(overall.verdictAccuracy)} · ` +
      `required actions ${percent(overall.requiredActionRecall)} · forbidden actions ${overall.forbiddenActionsTaken} · ` +
      `approval violations ${overall.approvalViolations} · mean time to contain ${formatDuration(overall.meanTimeToContainMs)} · ` +
      `${overall.toolCalls} tool calls · ${overall.modelCalls} model calls`,
  ];
  const failed = report.scenarios.filter((card) => !card.passed);
  if (failed.length > 0) {
    lines.push('');
    for (const card of failed) lines.push(`${card.scenarioId}: ${card.failures.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}
