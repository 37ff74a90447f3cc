import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type CallVariant, createVariant, runConcurrently, type VariantName } from './lib/connector-calls.js';
import { type Cost, summarizeCpuProfile, summarizeHeapProfile } from './lib/cpu-profile.js';
import { formatNumber, type ResultRow, ratio, report } from './lib/report.js';
import { benchUserId, oktaUserBody } from './lib/okta-fixtures.js';
import { startOktaServerProcess } from './lib/okta-server-process.js';

/**
 * Tool-call overhead of the connector kit (limits + retry + validation) against the same request made raw with
 * undici, at concurrency 1 and 32, on a loopback server in another process. See bench/README.md.
 */

// Many short rounds, variants rotated: on a shared, loaded machine each variant then sees the same mix of load.
const plans = [
  { concurrency: 1, perRound: 400 },
  { concurrency: 32, perRound: 1_000 },
];
const rounds = 21;
const goal = 1.1;
const kitVariants: VariantName[] = ['kit, undiciTransport', 'kit, fetchTransport'];
const anchors: VariantName[] = ['undici.request', 'undici.fetch'];
const withoutQuotas: VariantName = 'kit, undiciTransport, no quotas';
const variantNames: VariantName[] = [...anchors, 'global fetch', ...kitVariants, withoutQuotas];

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const microseconds = (value: number) => `${formatNumber(value, value < 100 ? 1 : 0)} µs`;

interface Timing {
  /** Median over rounds of wall time per call, µs. */
  wallUs: number;
  /** Median over rounds of this process's CPU time per call (user + system), µs. */
  cpuUs: number;
  runsUs: number[];
}

const loadAtStart = loadavg()[0]!;
const server = await startOktaServerProcess();
const rows: ResultRow[] = [];
const notes: string[] = [];
const timings = new Map<string, Timing>();
let callsMade = 0;

try {
  // Every variant must return the same user before its speed means anything.
  for (const name of variantNames) {
    const variant = createVariant(name, server.url);
    const user = await variant.call();
    await variant.close();
    callsMade++;
    if (user.id !== benchUserId) throw new Error(`${name} returned ${JSON.stringify(user).slice(0, 80)}`);
  }

  for (const { concurrency, perRound } of plans) {
    const variants = variantNames.map((name) => createVariant(name, server.url));
    // Warm-up: pools filled, code optimised.
    for (const variant of variants) {
      await runConcurrently(perRound, concurrency, () => variant.call());
      callsMade += perRound;
    }
    const samples = new Map<VariantName, { wall: number[]; cpu: number[] }>(
      variantNames.map((name) => [name, { wall: [], cpu: [] }]),
    );
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round, so drift in machine load spreads over all variants alike.
      for (let offset = 0; offset < variants.length; offset++) {
        const variant = variants[(round + offset) % variants.length] as CallVariant;
        collectGarbage();
        const cpuBefore = process.cpuUsage();
        const startedAt = performance.now();
        await runConcurrently(perRound, concurrency, () => variant.call());
        const wallMs = performance.now() - startedAt;
        const cpu = process.cpuUsage(cpuBefore);
        callsMade += perRound;
        const sample = samples.get(variant.name)!;
        sample.wall.push((wallMs * 1000) / perRound);
        sample.cpu.push((cpu.user + cpu.system) / perRound);
      }
    }
    for (const variant of variants) await variant.close();
    for (const [name, sample] of samples) {
      timings.set(`${name}@${concurrency}`, {
        wallUs: median(sample.wall),
        cpuUs: median(sample.cpu),
        runsUs: sample.wall,
      });
    }
  }

  const timing = (name: VariantName, concurrency: number) => timings.get(`${name}@${concurrency}`)!;
  const perCall = (value: Timing, concurrency: number) =>
    concurrency === 1
      ? `${microseconds(value.wallUs)} per call`
      : `${microseconds(value.wallUs)} per call (${formatNumber(1e6 / value.wallUs)} calls/s)`;
  const met = new Map<string, boolean>();
  for (const anchorName of anchors) {
    for (const { concurrency } of plans) {
      const anchor = timing(anchorName, concurrency);
      for (const kitName of kitVariants) {
        const kit = timing(kitName, concurrency);
        const value = kit.wallUs / anchor.wallUs;
        met.set(`${kitName}@${concurrency}/${anchorName}`, value <= goal);
        rows.push({
          metric: `getUser tool call, ${kitName}, concurrency ${concurrency}`,
          value: perCall(kit, concurrency),
          anchor: `${anchorName}: ${perCall(anchor, concurrency)}`,
          ratio: ratio(kit.wallUs, anchor.wallUs),
          goal: `≤ ${goal.toFixed(2)}×`,
          met: value <= goal,
        });
      }
    }
  }
  for (const { concurrency } of plans) {
    const anchor = timing('undici.request', concurrency);
    const global = timing('global fetch', concurrency);
    rows.push({
      metric: `global fetch (Node's bundled undici), concurrency ${concurrency}`,
      value: perCall(global, concurrency),
      anchor: `undici.request: ${perCall(anchor, concurrency)}`,
      ratio: ratio(global.wallUs, anchor.wallUs),
    });
  }
  for (const { concurrency } of plans) {
    const anchor = timing('undici.request', concurrency);
    const bare = timing(withoutQuotas, concurrency);
    rows.push({
      metric: `diagnostic: ${withoutQuotas} (no limiter in the path), concurrency ${concurrency}`,
      value: perCall(bare, concurrency),
      anchor: `undici.request: ${perCall(anchor, concurrency)}`,
      ratio: ratio(bare.wallUs, anchor.wallUs),
    });
  }
  for (const { concurrency } of plans) {
    const anchor = timing('undici.request', concurrency);
    for (const kitName of [...kitVariants, withoutQuotas]) {
      const kit = timing(kitName, concurrency);
      rows.push({
        metric: `client CPU per call, ${kitName}, concurrency ${concurrency}`,
        value: microseconds(kit.cpuUs),
        anchor: `undici.request: ${microseconds(anchor.cpuUs)}`,
        ratio: ratio(kit.cpuUs, anchor.cpuUs),
      });
    }
  }

  // Which transport meets the goal, in words.
  for (const kitName of kitVariants) {
    const verdicts = plans.map(({ concurrency }) => {
      const against = anchors.filter((anchorName) => met.get(`${kitName}@${concurrency}/${anchorName}`));
      return `concurrency ${concurrency}: ${against.length === 0 ? 'neither anchor' : against.join(' and ')}`;
    });
    notes.push(`${kitName} is within ${goal.toFixed(2)}× of — ${verdicts.join('; ')}.`);
  }

  // Where the kit's CPU goes, when it misses the goal: the V8 CPU profiler and the sampling heap profiler over
  // the kit alone at concurrency 32, in a process of its own (lib/connector-overhead-profile.ts).
  if ([...met.values()].some((value) => !value)) {
    const directory = mkdtempSync(join(tmpdir(), 'rampart-bench-profile-'));
    const profiled: VariantName = 'kit, undiciTransport';
    const profiledCalls = 10_000;
    const child = spawnSync(
      process.execPath,
      [
        '--conditions=@rampart/source',
        '--import',
        'tsx',
        join(benchDirectory, 'lib/connector-overhead-profile.ts'),
        server.url,
        profiled,
        '32',
        String(profiledCalls),
        directory,
      ],
      { stdio: 'inherit' },
    );
    callsMade += 2_000 + 2 * profiledCalls;
    if (child.status === 0) {
      const cpu = summarizeCpuProfile(join(directory, 'calls.cpuprofile'));
      const heap = summarizeHeapProfile(join(directory, 'calls.heapprofile'));
      const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
      const ownerList = (costs: Cost[]) =>
        costs
          .filter((cost) => cost.share >= 0.005)
          .map((cost) => `${cost.name} ${percent(cost.share)}`)
          .join(', ');
      const kitOwned = new Set(['connector-kit', 'core', 'connector-okta', 'zod', 'bottleneck', 'p-retry']);
      const topOf = (costs: Cost[], limit: number) =>
        costs
          .filter((cost) => kitOwned.has(cost.owner))
          .slice(0, limit)
          .map((cost) => `${cost.name} [${cost.owner}] ${percent(cost.share)}`)
          .join('; ');
      notes.push(
        `CPU profile (V8 sampling profiler, ${profiled}, concurrency 32, ${formatNumber(profiledCalls)} calls after ` +
          `a warm-up; ${microseconds((cpu.total * 1000) / profiledCalls)} of CPU per call): by owner, native and ` +
          `Node-internal frames charged to their caller — ${ownerList(cpu.owners)}.`,
      );
      notes.push(`Top self-time functions of the kit and the libraries it calls: ${topOf(cpu.functions, 12)}.`);
      // tsx (esbuild keepNames) wraps each closure the kit creates per call in `__name`; the tsup build does not.
      const keepNames = cpu.functions
        .filter((cost) => cost.name.startsWith('__name ') || cost.name === 'set name')
        .reduce((sum, cost) => sum + cost.share, 0);
      notes.push(
        `Of that CPU, ${percent(keepNames)} is \`__name\` / \`set name\`: tsx (esbuild's keepNames) names every ` +
          `closure the kit creates per call, which the published dist/ (tsup) does not do; the bench runs the ` +
          `workspace sources, so the kit's ratios here carry that much extra.`,
      );
      notes.push(
        `Allocations (sampling heap profiler, collected objects included, ${formatNumber(profiledCalls)} more ` +
          `calls): ${formatNumber(heap.total / profiledCalls / 1024, 1)} kB per call; by owner — ` +
          `${ownerList(heap.owners)}; largest allocators in the kit's path — ${topOf(heap.functions, 8)}.`,
      );
      console.log('\nCPU profile, top 40 functions by self time:');
      for (const cost of cpu.functions.slice(0, 40)) {
        console.log(`  ${percent(cost.share).padStart(6)}  ${cost.owner.padEnd(16)} ${cost.name}`);
      }
      console.log('\nHeap allocation profile, top 30 functions by bytes allocated:');
      for (const cost of heap.functions.slice(0, 30)) {
        console.log(`  ${percent(cost.share).padStart(6)}  ${cost.owner.padEnd(16)} ${cost.name}`);
      }
    } else {
      notes.push('The profiling run failed; see the output above.');
    }
    rmSync(directory, { recursive: true, force: true });
  }

  const served = await server.requestCount();
  if (served !== callsMade) throw new Error(`the server saw ${served} requests, the bench made ${callsMade}`);
  notes.push(
    `Request: \`GET /api/v1/users/{id}\` with Okta's headers (rate-limit trio included) and a ${formatNumber(
      Buffer.byteLength(oktaUserBody),
    )}-byte Okta user, from a keep-alive node:http server in its own process on 127.0.0.1. Every variant sends the ` +
      `same headers and parses the JSON body; the kit calls \`connector.tools.getUser\` of the generated Okta ` +
      `connector (input and output validated with zod, both quota buckets of getUser entered, the retry policy, ` +
      `per-attempt timeout, redaction, call report), with budgets raised so no limit is ever reached. The kit's ` +
      `undiciTransport sends through undici's \`dispatcher.dispatch\` (the API \`request\` and \`fetch\` are built on) ` +
      `and collects the body as it arrives; the raw variants call undici's public \`request\` and \`fetch\` and read ` +
      `the body with \`json()\`, as an application would.`,
  );
  notes.push(
    `${rounds} rounds per concurrency, variants rotated each round; value = median over rounds of wall time per ` +
      `call (at concurrency 32, wall time ÷ calls, i.e. inverse throughput). ${formatNumber(callsMade)} requests in ` +
      `all, every one counted by the server. Sockets: 32 per variant (undici Agents), global fetch on its default ` +
      `dispatcher. Client CPU per call (this process, user + system) moves less than wall time when other processes ` +
      `load the machine. Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end, on ` +
      `2 cores shared with the server process.`,
  );
} finally {
  await server.stop();
}

report('connector-overhead', 'Connector kit: tool-call overhead against raw undici', rows, notes);
