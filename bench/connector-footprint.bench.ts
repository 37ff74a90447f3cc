import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type Closure, productionClosure, resolvePackageDirectory } from './lib/package-closure.js';
import { formatNumber, type ResultRow, ratio, report } from './lib/report.js';

/**
 * Footprint of a Rampart connector against the vendor's official Node SDK: cold import time (a fresh `node` per
 * import) and installed size (the package plus its production dependency closure). See bench/README.md.
 */

const comparisons = [
  { vendor: 'Okta', rampart: '@rampart/connector-okta', sdk: '@okta/okta-sdk-nodejs' },
  { vendor: 'Slack', rampart: '@rampart/connector-slack', sdk: '@slack/web-api' },
  { vendor: 'AWS GuardDuty', rampart: '@rampart/connector-aws-guardduty', sdk: '@aws-sdk/client-guardduty' },
];
/**
 * What `@rampart/connector-okta` loads, in dependency order: imported one after another in one fresh process, each
 * step's time is what that piece adds on top of the ones before, so the steps add up to the connector's import.
 * undici, ioredis, the SigV4 signer and tldts are not among them: they load on first use only (undiciTransport or
 * transport timeouts, the `redis` option, AWS auth, a public-suffix lookup).
 */
const loadSteps = [['zod'], ['@rampart/core/connector'], ['@rampart/connector-kit'], ['@rampart/connector-okta']];
const spawnsPerTarget = 11;
const importGoal = 0.2;
const sizeGoal = 0.1;

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const repositoryDirectory = dirname(benchDirectory);
const kitDirectory = join(repositoryDirectory, 'packages/connector-kit');
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const milliseconds = (value: number) => `${formatNumber(value, value < 10 ? 1 : 0)} ms`;
const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, 0)} kB` : `${formatNumber(bytes / 1024 / 1024, 1)} MB`;

const rows: ResultRow[] = [];
const notes: string[] = [];
const loadAtStart = loadavg()[0]!;

// Rampart connectors are imported from their built dist/ (what npm users get), so build them and what they
// depend on first, and their declarations (types/, part of the installed size); turbo skips what is up to date.
const present = comparisons.filter(
  (comparison) => resolvePackageDirectory(comparison.rampart, benchDirectory) !== undefined,
);
const missing = comparisons.filter((comparison) => !present.includes(comparison));
const buildStartedAt = performance.now();
const build = spawnSync(
  'npx',
  [
    'turbo',
    'run',
    'build',
    ...present.map((comparison) => `--filter=${comparison.rampart}...`),
    '--filter=@rampart/connector-types',
    '--output-logs=errors-only',
  ],
  { cwd: repositoryDirectory, stdio: 'inherit' },
);
if (build.status !== 0) {
  const stale = present.filter(
    (comparison) => !existsSync(join(resolvePackageDirectory(comparison.rampart, benchDirectory)!, 'dist/index.js')),
  );
  if (stale.length > 0) throw new Error(`the build failed and ${stale.map((item) => item.rampart)} has no dist/`);
  notes.push('The build failed (see the output); the dist/ folders already there were measured.');
}
console.log(`build: ${formatNumber(performance.now() - buildStartedAt)} ms`);

// --- Cold import -------------------------------------------------------------------------------------------------

interface ImportTarget {
  specifier: string;
  /** Where the importing process runs, so the specifier resolves as it would for that package's users. */
  directory: string;
}

const childEnvironment = { ...process.env };
delete childEnvironment.NODE_OPTIONS;

/** One fresh process: wall time from spawn to exit, and the time the import itself took inside it. */
function spawnImport(target: ImportTarget | undefined): { wallMs: number; importMs: number } {
  const code =
    target === undefined
      ? ''
      : `const startedAt = performance.now(); await import(${JSON.stringify(target.specifier)}); ` +
        `process.stdout.write(String(performance.now() - startedAt));`;
  const startedAt = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: target?.directory ?? benchDirectory,
    env: childEnvironment,
    encoding: 'utf8',
  });
  const wallMs = performance.now() - startedAt;
  if (child.status !== 0) throw new Error(`importing ${target?.specifier} failed:\n${child.stderr}`);
  return { wallMs, importMs: target === undefined ? 0 : Number(child.stdout) };
}

const targets = new Map<string, ImportTarget | undefined>([['(empty)', undefined]]);
for (const comparison of present) {
  targets.set(comparison.rampart, { specifier: comparison.rampart, directory: benchDirectory });
}
for (const comparison of comparisons)
  targets.set(comparison.sdk, { specifier: comparison.sdk, directory: benchDirectory });

const samples = new Map<string, { wall: number[]; inside: number[] }>();
const order = [...targets.keys()];
for (const name of order) spawnImport(targets.get(name)); // warm the file cache; not measured
for (let round = 0; round < spawnsPerTarget; round++) {
  for (let offset = 0; offset < order.length; offset++) {
    const name = order[(round + offset) % order.length]!;
    const { wallMs, importMs } = spawnImport(targets.get(name));
    const sample = samples.get(name) ?? { wall: [], inside: [] };
    sample.wall.push(wallMs);
    sample.inside.push(importMs);
    samples.set(name, sample);
  }
}
const stepCode =
  'const steps = []; ' +
  `for (const group of ${JSON.stringify(loadSteps)}) { const startedAt = performance.now(); ` +
  'for (const specifier of group) await import(specifier); steps.push(performance.now() - startedAt); } ' +
  'process.stdout.write(JSON.stringify(steps));';
const stepSamples: number[][] = loadSteps.map(() => []);
for (let round = 0; round < spawnsPerTarget; round++) {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', stepCode], {
    cwd: kitDirectory,
    env: childEnvironment,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`importing the connector step by step failed:\n${child.stderr}`);
  for (const [index, value] of (JSON.parse(child.stdout) as number[]).entries()) stepSamples[index]!.push(value);
}
const stepMedians = stepSamples.map(median);
const stepsTotal = stepMedians.reduce((sum, value) => sum + value, 0);

const emptyMs = median(samples.get('(empty)')!.wall);
/** Median spawn-to-exit wall time minus the empty process's. */
const importCost = (name: string) => median(samples.get(name)!.wall) - emptyMs;
const importInside = (name: string) => median(samples.get(name)!.inside);

// --- Installed size ----------------------------------------------------------------------------------------------

const closures = new Map<string, Closure>();
for (const comparison of comparisons) {
  for (const name of [comparison.rampart, comparison.sdk]) {
    const directory = resolvePackageDirectory(name, benchDirectory);
    if (directory !== undefined) closures.set(name, productionClosure(directory));
  }
}

// --- Report ------------------------------------------------------------------------------------------------------

/** `name@version` of an installed SDK. */
const versioned = (name: string) => {
  const closure = closures.get(name);
  return closure === undefined ? name : `${name}@${closure.root.version}`;
};
for (const comparison of present) {
  const rampart = importCost(comparison.rampart);
  const sdk = importCost(comparison.sdk);
  rows.push({
    metric: `cold import, ${comparison.rampart} (dist)`,
    value: milliseconds(rampart),
    anchor: `${versioned(comparison.sdk)}: ${milliseconds(sdk)}`,
    ratio: ratio(rampart, sdk),
    goal: `≤ ${importGoal.toFixed(2)}×`,
    met: rampart / sdk <= importGoal,
  });
}
for (const comparison of present) {
  const rampart = closures.get(comparison.rampart)!;
  const sdk = closures.get(comparison.sdk)!;
  rows.push({
    metric: `installed size, ${comparison.rampart} + production dependencies`,
    value: `${megabytes(rampart.bytes)} (${rampart.packages.length} packages)`,
    anchor: `${versioned(comparison.sdk)}: ${megabytes(sdk.bytes)} (${sdk.packages.length} packages)`,
    ratio: ratio(rampart.bytes, sdk.bytes),
    goal: `≤ ${sizeGoal.toFixed(2)}×`,
    met: rampart.bytes / sdk.bytes <= sizeGoal,
  });
}
for (const comparison of missing) {
  const sdk = closures.get(comparison.sdk)!;
  rows.push({
    metric: `${versioned(comparison.sdk)} (no ${comparison.rampart} yet)`,
    value: `import ${milliseconds(importCost(comparison.sdk))}, ${megabytes(sdk.bytes)} (${sdk.packages.length} packages)`,
  });
}

if (missing.length > 0) {
  notes.push(
    `${missing.map((item) => item.rampart).join(' and ')} did not exist in the workspace at this run, so ` +
      `${missing.length === 1 ? 'its' : 'their'} SDK is reported alone.`,
  );
}

// Where the Rampart closure's bytes go: each direct dependency of the connector, the kit and core with everything
// it pulls in (shared packages count in each closure that holds them).
const okta = closures.get('@rampart/connector-okta');
if (okta !== undefined) {
  const rampartNames = new Set(['@rampart/connector-okta', '@rampart/connector-kit', '@rampart/core']);
  const ownPackages = okta.packages.filter((item) => rampartNames.has(item.name));
  const direct = new Set(ownPackages.flatMap((item) => item.dependencies));
  const parts = [...direct]
    .map((directory) => productionClosure(directory))
    .filter((closure) => !rampartNames.has(closure.root.name))
    .sort((a, b) => b.bytes - a.bytes);
  const share = (bytes: number) => `${((bytes / okta.bytes) * 100).toFixed(0)}%`;
  notes.push(
    `Rampart Okta closure (${megabytes(okta.bytes)}, ${formatNumber(okta.files)} files): ` +
      ownPackages.map((item) => `${item.name} ${megabytes(item.bytes)}`).join(', ') +
      '; their dependencies, each with its own closure — ' +
      parts
        .map(
          (closure) =>
            `${closure.root.name} ${megabytes(closure.bytes)}${
              closure.packages.length > 1 ? ` (${closure.packages.length} packages)` : ''
            } ${share(closure.bytes)}`,
        )
        .join(', ') +
      '.',
  );
  const sdk = closures.get('@okta/okta-sdk-nodejs')!;
  const largest = [...sdk.packages].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  notes.push(
    `@okta/okta-sdk-nodejs closure (${megabytes(sdk.bytes)}, ${formatNumber(sdk.files)} files), largest packages: ` +
      largest.map((item) => `${item.name} ${megabytes(item.bytes)}`).join(', ') +
      '.',
  );
}
notes.push(
  `Where @rampart/connector-okta's import time goes (its dependencies imported one after another in one process, ` +
    `median of ${spawnsPerTarget}; ${milliseconds(stepsTotal)} in all): ` +
    loadSteps
      .map(
        (group, index) =>
          `${group.join(' + ')} ${milliseconds(stepMedians[index]!)} (${((stepMedians[index]! / stepsTotal) * 100).toFixed(0)}%)`,
      )
      .join(', ') +
    '.',
);
notes.push(
  'Time measured inside the importing process (`performance.now()` around `await import()`): ' +
    [...present.flatMap((item) => [item.rampart, item.sdk]), ...missing.map((item) => item.sdk)]
      .map((name) => `${name} ${milliseconds(importInside(name))}`)
      .join(', ') +
    '.',
);
notes.push(
  `Cold import = median over ${spawnsPerTarget} spawns of \`node --input-type=module -e "await import('<package>')"\` ` +
    `(spawn to exit) minus the median of the same spawn with an empty script (${milliseconds(emptyMs)}); targets ` +
    `rotate each round; one unmeasured spawn each warms the file cache first. Rampart packages load their built ` +
    `dist/. Installed size: apparent bytes of each package directory (workspace packages: what \`npm pack\` ` +
    `publishes), over the production closure — dependencies, optional and required peer dependencies, resolved as ` +
    `Node resolves them, each package once. Load average (1 min) ${loadAtStart.toFixed(1)} at start, ` +
    `${loadavg()[0]!.toFixed(1)} at end, on 2 cores.`,
);

report('connector-footprint', 'Connector footprint: cold import and installed size against vendor SDKs', rows, notes);
