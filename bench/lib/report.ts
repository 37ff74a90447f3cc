import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ResultRow {
  metric: string;
  value: string;
  /** What the value is compared with, measured in the same run. */
  anchor?: string;
  ratio?: string;
  goal?: string;
  met?: boolean;
}

const benchDirectory = dirname(dirname(fileURLToPath(import.meta.url)));

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function ratio(value: number, anchor: number, digits = 2): string {
  return `${(value / anchor).toFixed(digits)}×`;
}

function toMarkdown(title: string, rows: readonly ResultRow[], notes: readonly string[]): string {
  const lines = [
    `### ${title}`,
    '',
    '| metric | value | anchor (same run) | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.metric} | ${row.value} | ${row.anchor ?? ''} | ${row.ratio ?? ''} | ${row.goal ?? ''} | ${
          row.met === undefined ? '' : row.met ? 'yes' : 'no'
        } |`,
    ),
  ];
  if (notes.length > 0) lines.push('', ...notes.map((note) => `- ${note}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Prints a result table and writes it to `bench/results/<name>.md`, then rebuilds the results section of
 * `bench/README.md` from every file there, so the README always shows each benchmark's latest run.
 */
export function report(name: string, title: string, rows: readonly ResultRow[], notes: readonly string[] = []): void {
  const stamp = `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  const markdown = toMarkdown(`${title} (${stamp})`, rows, notes);
  process.stdout.write(`\n${markdown}\n`);
  const resultsDirectory = join(benchDirectory, 'results');
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(join(resultsDirectory, `${name}.md`), markdown);
  rebuildReadme();
}

const resultsStart = '<!-- results:start -->';
const resultsEnd = '<!-- results:end -->';

function rebuildReadme(): void {
  const readmePath = join(benchDirectory, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(resultsStart);
  const end = readme.indexOf(resultsEnd);
  if (start < 0 || end < 0) return;
  const resultsDirectory = join(benchDirectory, 'results');
  const files = readdirSorted(resultsDirectory);
  const body = files.map((file) => readFileSync(join(resultsDirectory, file), 'utf8')).join('\n');
  writeFileSync(readmePath, `${readme.slice(0, start + resultsStart.length)}\n\n${body}\n${readme.slice(end)}`);
}

function readdirSorted(directory: string): string[] {
  // Sorted so the README lists benchmarks in a stable order.
  return readdirSync(directory)
    .filter((file) => file.endsWith('.md'))
    .sort();
}
