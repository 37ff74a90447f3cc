import type { ContextGainReport, EvaluationReport } from '@rampart/sandbox';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

function line(label: string, report: EvaluationReport): string {
  const overall = report.overall;
  return `  ${label.padEnd(38)}${`${overall.passed}/${overall.scenarios} passed`.padEnd(14)}verdict accuracy ${percent(overall.verdictAccuracy)}`;
}

/** The context section of `rampart eval`: the context scenarios without the graph, with it, and after feedback. */
export function renderContextGain(gain: ContextGainReport): string {
  const ids = gain.withContext.scenarios.map((card) => card.scenarioId);
  const rows = ids.map((id, index) => {
    const mark = (report: EvaluationReport) => {
      const card = report.scenarios[index]!;
      return `${card.passed ? 'PASS' : 'FAIL'} ${card.verdict.actual ?? 'none'}`.padEnd(24);
    };
    return `  ${id.padEnd(40)}${mark(gain.withoutContext)}${mark(gain.withContext)}${mark(gain.afterFeedback)}`.trimEnd();
  });
  return [
    '',
    `Context gain — ${ids.length} scenario(s) whose right answer depends on context`,
    line('without graph and precedents', gain.withoutContext),
    line('with graph and precedents', gain.withContext),
    line('after one round of analyst feedback', gain.afterFeedback),
    '',
    `  ${'scenario'.padEnd(40)}${'without'.padEnd(24)}${'with'.padEnd(24)}after feedback`,
    ...rows,
    '',
  ].join('\n');
}
