import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ContextGraph, type GraphNodeId, type GraphStore, MemoryGraphStore } from '@rampart/core';
import { SqliteGraphStore } from '@rampart/store-sqlite';
import { benchTenant, type SyntheticGraph, syntheticGraph } from './lib/graph-generator.js';
import { NaiveGraphScan } from './lib/graph-naive-scan.js';
import { formatNumber, type ResultRow, ratio, report } from './lib/report.js';
import { SeededRandom } from './lib/seeded-random.js';

/**
 * The context graph: entity lookup (`getNode`) and 2-hop neighbourhood (`ContextGraph.neighbourhood`) at 10k,
 * 100k and 1M entities, on the memory and SQLite stores, against the anchor of scanning the same graph as flat
 * arrays in the same run; and each store's cost at 1M ÷ its cost at 10k, which should stay near flat. See
 * bench/README.md.
 */

/** `BENCH_GRAPH_MAX=100000` stops at that size, for a quick look; the README table comes from a full run. */
const sizes = [10_000, 100_000, 1_000_000].filter((size) => size <= Number(process.env.BENCH_GRAPH_MAX ?? Infinity));
const lookupSamples = 2_000;
const neighbourhoodSamples = 300;
const naiveLookupSamples = 200;
const naiveNeighbourhoodSamples = 5;
const batchSize = 5_000;
const flatnessGoal = 2;

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const directory = mkdtempSync(join(tmpdir(), 'rampart-bench-graph-'));
const rows: ResultRow[] = [];
const notes: string[] = [];
const loadAtStart = loadavg()[0]!;
const startedAt = performance.now();
const log = (message: string) =>
  console.log(`[${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const microseconds = (milliseconds: number) => `${formatNumber(milliseconds * 1000, 1)} µs`;

/** CPU time of the process per operation, median of three rounds, in milliseconds; wall time beside it. */
async function perOperation(
  count: number,
  work: (index: number) => unknown,
): Promise<{ cpuMs: number; wallMs: number }> {
  const rounds: { cpuMs: number; wallMs: number }[] = [];
  for (let round = 0; round < 4; round++) {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    for (let index = 0; index < count; index++) await work(index);
    const cpu = process.cpuUsage(cpuBefore);
    if (round > 0)
      rounds.push({ cpuMs: (cpu.user + cpu.system) / 1000 / count, wallMs: (performance.now() - wallBefore) / count });
  }
  rounds.sort((a, b) => a.cpuMs - b.cpuMs);
  return rounds[1]!;
}

function sample(graph: SyntheticGraph, count: number, seed: number): GraphNodeId[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => graph.ids[random.integer(graph.ids.length)]!);
}

async function load(store: GraphStore, graph: SyntheticGraph, naive?: NaiveGraphScan): Promise<number> {
  const before = performance.now();
  for (const batch of graph.batches(batchSize)) {
    await store.write(benchTenant, batch);
    naive?.addNodes(batch.nodes.map((node) => node.id));
    naive?.addEdges(batch.edges);
  }
  return performance.now() - before;
}

const results = new Map<string, { lookup: number; twoHop: number }>();

try {
  for (const size of sizes) {
    const graph = syntheticGraph(size);
    const lookups = sample(graph, lookupSamples, size + 1);
    const centres = sample(graph, neighbourhoodSamples, size + 2);
    const naive = new NaiveGraphScan();
    for (const storeName of ['memory', 'SQLite'] as const) {
      collectGarbage();
      const store: GraphStore =
        storeName === 'memory' ? new MemoryGraphStore() : SqliteGraphStore.open(join(directory, `graph-${size}.db`));
      const loadMs = await load(store, graph, storeName === 'memory' ? naive : undefined);
      log(
        `${storeName} ${formatNumber(size)}: loaded ${formatNumber(graph.nodeCount)} nodes and ${formatNumber(graph.edgeCount)} edges in ${formatNumber(loadMs / 1000, 1)} s`,
      );
      notes.push(
        `${storeName}, ${formatNumber(size)} entities: ${formatNumber(graph.edgeCount)} edges written in ${formatNumber(loadMs / 1000, 1)} s wall (${formatNumber(((graph.nodeCount + graph.edgeCount) * 1000) / loadMs)} facts/s, validated, batches of ${formatNumber(batchSize)})`,
      );
      // Loading leaves garbage behind; collecting it now keeps the collector's threads out of the timings.
      collectGarbage();
      const context = new ContextGraph({ store, tenantId: benchTenant });

      // Both answer the same question: check a few centres before timing anything.
      let reachedTotal = 0;
      for (const centre of centres.slice(0, 3)) {
        const fromStore = new Set((await context.neighbourhood(centre, { hops: 2 })).nodes.map((node) => node.id));
        const fromScan = naive.neighbourhood(centre, 2);
        if (fromStore.size !== fromScan.size || [...fromScan].some((id) => !fromStore.has(id as GraphNodeId))) {
          throw new Error(
            `2-hop neighbourhood of ${centre} differs: store ${fromStore.size} nodes, scan ${fromScan.size}`,
          );
        }
      }
      const lookup = await perOperation(lookups.length, async (index) => {
        if ((await store.getNode(benchTenant, lookups[index]!)) === null)
          throw new Error(`${lookups[index]} not found`);
      });
      const twoHop = await perOperation(centres.length, async (index) => {
        reachedTotal += (await context.neighbourhood(centres[index]!, { hops: 2 })).nodes.length;
      });
      results.set(`${storeName}:${size}`, { lookup: lookup.cpuMs, twoHop: twoHop.cpuMs });

      const naiveLookup = await perOperation(naiveLookupSamples, (index) => naive.lookup(lookups[index]!));
      const naiveTwoHop = await perOperation(naiveNeighbourhoodSamples, (index) =>
        naive.neighbourhood(centres[index]!, 2),
      );
      log(
        `${storeName} ${formatNumber(size)}: lookup ${microseconds(lookup.cpuMs)} (scan ${microseconds(naiveLookup.cpuMs)}), 2-hop ${microseconds(twoHop.cpuMs)} (scan ${microseconds(naiveTwoHop.cpuMs)})`,
      );
      rows.push({
        metric: `entity lookup, ${storeName}, ${formatNumber(size)} entities (CPU per lookup)`,
        value: `${microseconds(lookup.cpuMs)} (wall ${microseconds(lookup.wallMs)})`,
        anchor: `scan of the node ids: ${microseconds(naiveLookup.cpuMs)}`,
        ratio: ratio(lookup.cpuMs, naiveLookup.cpuMs, 4),
      });
      rows.push({
        metric: `2-hop neighbourhood, ${storeName}, ${formatNumber(size)} entities (CPU per query, ${formatNumber(reachedTotal / (centres.length * 3), 1)} nodes reached on average)`,
        value: `${microseconds(twoHop.cpuMs)} (wall ${microseconds(twoHop.wallMs)})`,
        anchor: `scan of the edge list: ${microseconds(naiveTwoHop.cpuMs)}`,
        ratio: ratio(twoHop.cpuMs, naiveTwoHop.cpuMs, 4),
      });
      if (store instanceof SqliteGraphStore) store.close();
    }
  }
  for (const storeName of ['memory', 'SQLite'] as const) {
    const small = results.get(`${storeName}:${sizes[0]}`)!;
    const large = results.get(`${storeName}:${sizes[sizes.length - 1]}`)!;
    for (const [operation, key] of [
      ['entity lookup', 'lookup'],
      ['2-hop neighbourhood', 'twoHop'],
    ] as const) {
      const growth = large[key] / small[key];
      rows.push({
        metric: `${operation}, ${storeName}: time at 1M ÷ time at 10k`,
        value: microseconds(large[key]),
        anchor: `at 10k: ${microseconds(small[key])}`,
        ratio: ratio(large[key], small[key]),
        goal: `≤ ${flatnessGoal}× (near flat)`,
        met: growth <= flatnessGoal,
      });
    }
  }
  notes.push(
    'Times are CPU time of the process per operation (median of three rounds after one unmeasured), wall time beside it; ratios use CPU time.',
    'Every run first checks, on three centres, that the store and the scan reach exactly the same 2-hop node set.',
    `Load average at start: ${loadAtStart.toFixed(1)} on ${process.env.BENCH_CORES ?? '2'} cores.`,
  );
  report('graph', 'Context graph: entity lookup and 2-hop neighbourhood at 10k, 100k, 1M entities', rows, notes);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
