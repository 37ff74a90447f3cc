import { access, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CodegenError } from './errors.js';
import { type Drift, findDrift, writeGenerated } from './files.js';
import { emitIndexScaffold, type WorkspaceVersions } from './emit/package-files.js';
import { findRepositoryRoot, generateConnector, generatedDirectory, readWorkspaceVersions } from './generate.js';
import { loadManifest, manifestFileNames } from './manifest.js';
import { refreshSpec } from './refresh.js';
import type { CatalogConnector } from './catalog/catalog-entry.js';
import { catalogDirectory, handWrittenCatalogFiles, renderCatalog } from './catalog/render-catalog.js';
import { runDrift } from './drift-command.js';

/** The connector's hand-written entry point (package.json exports it); scaffolded when missing. */
const handWrittenIndex = 'src/index.ts';

const usage = `Usage: rampart-codegen <command> [--check] [--all | <connector-dir>...]

Commands:
  generate       Regenerate a connector package from its manifest and checked-in spec/operations.json.
  refresh-spec   Re-extract spec/operations.json from the vendor spec the manifest names.
  drift          Report which tools a new vendor spec removes, renames, moves or changes
                 (rampart-codegen drift <connector-dir> [--spec <document>] [--json]).

Options:
  --all          Every connector under packages/integrations/ of the workspace.
  --check        Change nothing; exit 1 and list the differences when the output is not up to date.
                 \`generate --check\` also checks that spec/operations.json matches its vendor spec.
`;

interface Options {
  command: 'generate' | 'refresh-spec';
  check: boolean;
  all: boolean;
  directories: string[];
}

function parseArguments(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (command !== 'generate' && command !== 'refresh-spec') return usage;
  const options: Options = { command, check: false, all: false, directories: [] };
  for (const argument of rest) {
    if (argument === '--check') options.check = true;
    else if (argument === '--all') options.all = true;
    else if (argument === '--help' || argument === '-h') return usage;
    else if (argument.startsWith('-')) return `Unknown option ${argument}\n\n${usage}`;
    else options.directories.push(argument);
  }
  if (!options.all && options.directories.length === 0) return `Name connector directories or pass --all\n\n${usage}`;
  return options;
}

async function hasManifest(directory: string): Promise<boolean> {
  for (const name of manifestFileNames) {
    try {
      await access(path.join(directory, name));
      return true;
    } catch {
      // Try the next spelling.
    }
  }
  return false;
}

/** Connector directories under packages/integrations/ that have a manifest, sorted. */
export async function discoverConnectors(repositoryRoot: string): Promise<string[]> {
  const integrations = path.join(repositoryRoot, 'packages', 'integrations');
  let entries: string[];
  try {
    entries = (await readdir(integrations, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
  const directories = entries.map((name) => path.join(integrations, name));
  const flags = await Promise.all(directories.map(hasManifest));
  return directories.filter((_, index) => flags[index]);
}

function formatDrift(directory: string, drift: Drift[]): string {
  return drift
    .map((entry) => {
      const where = path.join(directory, entry.path);
      const what =
        entry.kind === 'missing' ? 'is missing' : entry.kind === 'stale' ? 'is no longer generated' : 'differs';
      return `  ${where} ${what}${entry.excerpt ? `\n${entry.excerpt.replace(/^/gm, '      ')}` : ''}`;
    })
    .join('\n');
}

type Outcome =
  | { directory: string; drift: Drift[]; catalog?: CatalogConnector; error?: undefined }
  | { directory: string; error: {} };

async function processConnector(
  directory: string,
  options: Options,
  versions: Promise<WorkspaceVersions>,
): Promise<Outcome> {
  try {
    if (options.command === 'refresh-spec') {
      const { manifest } = await loadManifest(directory);
      const file = await refreshSpec(manifest, directory);
      const drift = options.check ? await findDrift(directory, [file]) : await writeGenerated(directory, [file]);
      return { directory, drift };
    }
    const { manifest, files, catalog } = await generateConnector(directory, { versions: await versions });
    const index = path.join(directory, handWrittenIndex);
    const hasIndex = await access(index).then(
      () => true,
      () => false,
    );
    if (options.check) {
      const drift = await findDrift(directory, files, [generatedDirectory]);
      if (!hasIndex) drift.push({ path: handWrittenIndex, kind: 'missing' });
      const specFile = await refreshSpec(manifest, directory);
      const specDrift = await findDrift(directory, [specFile]);
      for (const entry of specDrift) {
        drift.push({ ...entry, excerpt: `${entry.excerpt ?? ''}\n(run rampart-codegen refresh-spec)`.trim() });
      }
      return { directory, drift, catalog };
    }
    const drift = await writeGenerated(directory, files, [generatedDirectory]);
    if (!hasIndex) {
      await writeFile(index, emitIndexScaffold(manifest));
      drift.push({ path: `${handWrittenIndex} (scaffolded once; hand-written from now on)`, kind: 'missing' });
    }
    return { directory, drift, catalog };
  } catch (error) {
    return { directory, error: error ?? new Error('unknown failure') };
  }
}

/**
 * Connectors processed at once. Generation is mostly synchronous CPU work, so more buys little; the bound keeps
 * memory flat when `--check` loads many large vendor specs (Microsoft Graph's is 20 MB of JSON).
 */
const connectorConcurrency = 8;

async function mapLimited<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Writes or checks docs/connectors; the hand-written files there (ADDING.md) are never stale. */
async function processCatalog(repositoryRoot: string, entries: CatalogConnector[], check: boolean): Promise<Drift[]> {
  const files = renderCatalog(entries);
  const drift = (await findDrift(repositoryRoot, files, [catalogDirectory])).filter(
    (entry) => !handWrittenCatalogFiles.has(entry.path),
  );
  if (check) return drift;
  await writeGenerated(repositoryRoot, files);
  for (const entry of drift) {
    if (entry.kind === 'stale') await rm(path.join(repositoryRoot, entry.path));
  }
  return drift;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  if (argv[0] === 'drift') return runDrift(argv.slice(1), cwd);
  const options = parseArguments(argv);
  if (typeof options === 'string') {
    process.stderr.write(options);
    return options === usage ? 0 : 2;
  }
  let directories = options.directories.map((directory) => path.resolve(cwd, directory));
  let repositoryRoot: string;
  try {
    repositoryRoot = await findRepositoryRoot(directories[0] ?? cwd);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (options.all) directories = [...directories, ...(await discoverConnectors(repositoryRoot))];
  directories = [...new Set(directories)];
  const versions = readWorkspaceVersions(repositoryRoot);
  const started = performance.now();
  const outcomes = await mapLimited(directories, connectorConcurrency, (directory) =>
    processConnector(directory, options, versions),
  );

  let failed = false;
  for (const outcome of outcomes) {
    const label = path.relative(cwd, outcome.directory) || '.';
    if (outcome.error !== undefined) {
      failed = true;
      const message = CodegenError.isInstance(outcome.error)
        ? outcome.error.message
        : ((outcome.error as Error).stack ?? String(outcome.error));
      process.stderr.write(`✗ ${label}: ${message}\n`);
      continue;
    }
    if (outcome.drift.length === 0) {
      process.stdout.write(`✓ ${label} is up to date\n`);
    } else if (options.check) {
      failed = true;
      process.stderr.write(
        `✗ ${label} is out of date (run \`npm run generate\`):\n${formatDrift(label, outcome.drift)}\n`,
      );
    } else {
      process.stdout.write(`✓ ${label}: wrote ${outcome.drift.map((entry) => entry.path).join(', ')}\n`);
    }
  }
  // The catalog covers every connector, so it is written or checked only when all of them were generated.
  if (options.command === 'generate' && options.all && !failed) {
    const entries = outcomes.flatMap((outcome) =>
      outcome.error === undefined && outcome.catalog ? [outcome.catalog] : [],
    );
    const drift = await processCatalog(repositoryRoot, entries, options.check);
    const label = path.relative(cwd, path.join(repositoryRoot, catalogDirectory)) || catalogDirectory;
    if (drift.length === 0) process.stdout.write(`✓ ${label} is up to date\n`);
    else if (options.check) {
      failed = true;
      process.stderr.write(
        `✗ ${label} is out of date (run \`npm run generate\`):\n${formatDrift(path.relative(cwd, repositoryRoot) || '.', drift)}\n`,
      );
    } else
      process.stdout.write(
        `✓ ${label}: wrote ${drift.map((entry) => path.relative(catalogDirectory, entry.path)).join(', ')}\n`,
      );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stdout.write(`${directories.length} connector(s) in ${seconds}s\n`);
  return failed ? 1 : 0;
}
