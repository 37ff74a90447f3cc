import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AuditLog,
  type AuditVerification,
  type AuditStore,
  auditLeafOf,
  generateSigningKey,
  hashChildren,
  ManualClock,
  MemoryAuditStore,
  verifyConsistencyProof,
  verifyInclusionProof,
} from '@rampart/core';
import { SqliteAuditStore } from '@rampart/store-sqlite';
import { AuditEventStream } from './lib/audit-events.js';
import { formatNumber, type ResultRow, ratio, report } from './lib/report.js';
import { SeededRandom } from './lib/seeded-random.js';

/**
 * The audit log: append throughput against raw SHA-256 of the same bytes, proof sizes and times at 1k and
 * 1M leaves, and `verify()` of a 1M-leaf SQLite log against hashing 1M leaves. See bench/README.md.
 */

const appendPlans = [
  { batch: 1, events: 5_000 },
  { batch: 100, events: 50_000 },
  { batch: 1_000, events: 100_000 },
];
const largeLog = 1_000_000;
const smallLog = 1_000;
const proofSamples = 200;
const headEvery = 100_000;
const anchorHashes = 100_000;

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const signingKey = generateSigningKey();
const clock = new ManualClock(Date.UTC(2026, 5, 1));
const directory = mkdtempSync(join(tmpdir(), 'rampart-bench-audit-'));
let databaseCount = 0;
const sqliteStoresOpened: SqliteAuditStore[] = [];
const sqlitePath = (index: number) => join(directory, `audit-${index}.db`);
const stores: Record<'memory' | 'SQLite', () => AuditStore> = {
  memory: () => new MemoryAuditStore(),
  SQLite: () => {
    const store = SqliteAuditStore.open(sqlitePath(databaseCount++));
    sqliteStoresOpened.push(store);
    return store;
  },
};
const closeSqlite = () => {
  for (const store of sqliteStoresOpened.splice(0)) store.close();
};

const rows: ResultRow[] = [];
const notes: string[] = [];
const loadAtStart = loadavg()[0]!;
const benchStartedAt = performance.now();
const log = (message: string) =>
  console.log(`[${((performance.now() - benchStartedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const perSecond = (count: number, milliseconds: number) => (count * 1000) / milliseconds;
const microseconds = (milliseconds: number) => `${formatNumber(milliseconds * 1000, 1)} µs`;
/** A ratio far below 1, as "1/n": easier to read than 0.0003×. */
const fraction = (value: number, anchor: number) =>
  value * 10 >= anchor ? ratio(value, anchor) : `1/${formatNumber(anchor / value)}`;

const leafPrefix = Buffer.from([0]);
/** The anchor: SHA-256 of each leaf's bytes (with the RFC 6962 leaf prefix), nothing else. */
function hashLeaves(leaves: readonly Buffer[], count: number): number {
  let checksum = 0;
  for (let index = 0; index < count; index++) {
    checksum ^= createHash('sha256')
      .update(leafPrefix)
      .update(leaves[index % leaves.length]!)
      .digest()[0]!;
  }
  return checksum;
}

/** The root of a tree of leaf hashes, level by level (the same root as RFC 6962 MTH). The anchor for proofs. */
function rootOf(leafHashes: readonly Buffer[]): Buffer {
  let level = leafHashes;
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let index = 0; index + 1 < level.length; index += 2) next.push(hashChildren(level[index]!, level[index + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

async function openLog(store: AuditStore): Promise<AuditLog> {
  return AuditLog.open(store, { signingKey, clock });
}

/** Wall time, and CPU time of the process (all its threads) over the same span. */
interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function timed(work: () => unknown): Promise<Timing> {
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await work();
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Runs `work`, adding its wall and CPU time to `total`. */
async function accumulate<T>(total: Timing, work: () => Promise<T>): Promise<T> {
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  const result = await work();
  total.wallMs += performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  total.cpuMs += (cpu.user + cpu.system) / 1000;
  return result;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianTiming = (timings: readonly Timing[]): Timing => ({
  wallMs: median(timings.map((timing) => timing.wallMs)),
  cpuMs: median(timings.map((timing) => timing.cpuMs)),
});
const rateText = (count: number, timing: Timing, unit: string) =>
  `${formatNumber(perSecond(count, timing.cpuMs))} ${unit}/s (wall ${formatNumber(perSecond(count, timing.wallMs))})`;
const timeRatio = (value: Timing, anchor: Timing, digits = 1) =>
  `${ratio(value.cpuMs, anchor.cpuMs, digits)} (wall ${ratio(value.wallMs, anchor.wallMs, digits)})`;

try {
  // 1. Appends, in batches, against hashing the same canonical bytes; the two alternate run by run, after one
  // unmeasured round.
  const events = new AuditEventStream().take(Math.max(...appendPlans.map((plan) => plan.events)));
  const canonical = events.map((event) => Buffer.from(auditLeafOf(event).canonical, 'utf8'));
  const averageBytes = canonical.reduce((total, bytes) => total + bytes.length, 0) / canonical.length;
  for (const plan of appendPlans) {
    for (const storeName of ['memory', 'SQLite'] as const) {
      const appendTimings: Timing[] = [];
      const hashTimings: Timing[] = [];
      for (let round = 0; round <= 3; round++) {
        const auditLog = await openLog(stores[storeName]());
        collectGarbage();
        const appending = await timed(async () => {
          for (let offset = 0; offset < plan.events; offset += plan.batch) {
            await auditLog.appendMany(events.slice(offset, offset + plan.batch));
          }
        });
        closeSqlite();
        collectGarbage();
        // At least 100k hashes, cycling through the plan's events: a few milliseconds of hashing is too short to time.
        const hashing = await timed(() => hashLeaves(canonical.slice(0, plan.events), anchorHashes));
        if (round === 0) continue;
        appendTimings.push(appending);
        hashTimings.push(hashing);
      }
      const appending = medianTiming(appendTimings);
      const hashedPerEvent = medianTiming(hashTimings);
      const hashing = {
        wallMs: (hashedPerEvent.wallMs * plan.events) / anchorHashes,
        cpuMs: (hashedPerEvent.cpuMs * plan.events) / anchorHashes,
      };
      log(`append ${storeName}, batches of ${plan.batch}: ${rateText(plan.events, appending, 'events')}`);
      rows.push({
        metric: `appendMany, ${storeName} store, batches of ${formatNumber(plan.batch)} (${formatNumber(plan.events)} events): time ÷ hashing alone`,
        value: rateText(plan.events, appending, 'events'),
        anchor: `SHA-256 of the same bytes: ${rateText(plan.events, hashing, 'events')}`,
        ratio: timeRatio(appending, hashing),
      });
    }
  }

  // 2. A 1M-leaf log in SQLite (and a 1k one), appended through the log in batches of 1,000, a signed head
  // every 100k leaves.
  const largePath = sqlitePath(databaseCount);
  const largeStore = stores.SQLite();
  const largeAuditLog = await openLog(largeStore);
  const stream = new AuditEventStream();
  // Generating the events is part of this timing: it is a side note, not a result row.
  const building = await timed(async () => {
    for (let offset = 0; offset < largeLog; offset += 1_000) {
      await largeAuditLog.appendMany(stream.take(1_000));
      if ((offset + 1_000) % headEvery === 0) await largeAuditLog.signTreeHead();
    }
  });
  log(`built the 1M-leaf SQLite log in ${formatNumber(building.wallMs / 1000, 1)} s`);
  const smallStore = stores.SQLite();
  const smallAuditLog = await openLog(smallStore);
  await smallAuditLog.appendMany(new AuditEventStream().take(smallLog));

  // 3. Proofs: sizes against the log2 bound, times against rehashing the whole tree from its leaf hashes.
  const random = new SeededRandom(9_162);
  const proofTimes: { size: number; inclusion: number; consistency: number }[] = [];
  for (const [size, auditLog, store] of [
    [smallLog, smallAuditLog, smallStore],
    [largeLog, largeAuditLog, largeStore],
  ] as const) {
    const depth = Math.ceil(Math.log2(size));
    const root = await auditLog.root(size);
    const head = { treeSize: size, rootHash: root };

    let inclusionHashes = 0;
    let inclusionValid = 0;
    const inclusionTime: Timing = { wallMs: 0, cpuMs: 0 };
    for (let sample = 0; sample < proofSamples; sample++) {
      const leafIndex = sample === 0 ? size - 1 : random.integer(size);
      const proof = await accumulate(inclusionTime, () => auditLog.inclusionProof(leafIndex, size));
      inclusionHashes = Math.max(inclusionHashes, proof.auditPath.length);
      if (verifyInclusionProof(proof, head)) inclusionValid++;
    }
    let consistencyHashes = 0;
    let consistencyValid = 0;
    const consistencyTime: Timing = { wallMs: 0, cpuMs: 0 };
    for (let sample = 0; sample < proofSamples; sample++) {
      const firstSize = 1 + random.integer(size - 1);
      const proof = await accumulate(consistencyTime, () => auditLog.consistencyProof(firstSize, size));
      consistencyHashes = Math.max(consistencyHashes, proof.proof.length);
      const first = { treeSize: firstSize, rootHash: proof.firstRoot };
      if (verifyConsistencyProof(proof, { first, second: head })) consistencyValid++;
    }

    // The anchor: the leaf hashes read back from the store, hashed into the root in memory.
    const leafHashes: Buffer[] = [];
    for (let from = 0; from < size; from += 65_536) {
      for (const record of await store.readSubtreeHashes(0, from, Math.min(size, from + 65_536))) {
        leafHashes.push(Buffer.from(record.hash, 'hex'));
      }
    }
    let anchorRoot = '';
    const rehashTimings: Timing[] = [];
    for (let round = 0; round <= 3; round++) {
      const timing = await timed(() => {
        anchorRoot = rootOf(leafHashes).toString('hex');
      });
      if (round > 0) rehashTimings.push(timing);
    }
    const rehash = medianTiming(rehashTimings);
    if (anchorRoot !== root) throw new Error(`The anchor's root ${anchorRoot} differs from the log's ${root}`);
    leafHashes.length = 0;

    const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1_000}k`;
    rows.push(
      {
        metric: `inclusion proof size, ${label} leaves (largest of ${proofSamples}, all verified: ${inclusionValid === proofSamples ? 'yes' : 'NO'})`,
        value: `${inclusionHashes} hashes (${formatNumber(inclusionHashes * 32)} bytes)`,
        anchor: `⌈log2 n⌉ = ${depth}`,
        ratio: ratio(inclusionHashes, depth),
        goal: '≤ ⌈log2 n⌉',
        met: inclusionHashes <= depth && inclusionValid === proofSamples,
      },
      {
        metric: `consistency proof size, ${label} leaves (largest of ${proofSamples}, all verified: ${consistencyValid === proofSamples ? 'yes' : 'NO'})`,
        value: `${consistencyHashes} hashes (${formatNumber(consistencyHashes * 32)} bytes)`,
        anchor: `⌈log2 n⌉ + 1 = ${depth + 1}`,
        ratio: ratio(consistencyHashes, depth + 1),
        goal: '≤ ⌈log2 n⌉ + 1',
        met: consistencyHashes <= depth + 1 && consistencyValid === proofSamples,
      },
      ...(
        [
          ['inclusion', inclusionTime],
          ['consistency', consistencyTime],
        ] as const
      ).map(([kind, total]) => ({
        metric: `time per ${kind} proof, ${label} leaves (SQLite)`,
        value: `${microseconds(total.cpuMs / proofSamples)} (wall ${microseconds(total.wallMs / proofSamples)})`,
        anchor: `rehashing the tree from its ${label} leaf hashes: ${formatNumber(rehash.cpuMs, 1)} ms (wall ${formatNumber(rehash.wallMs, 1)} ms)`,
        ratio: fraction(total.cpuMs / proofSamples, rehash.cpuMs),
      })),
    );
    log(`proofs at ${label}: inclusion ${inclusionHashes} hashes, consistency ${consistencyHashes} hashes`);
    proofTimes.push({
      size,
      inclusion: inclusionTime.cpuMs / proofSamples,
      consistency: consistencyTime.cpuMs / proofSamples,
    });
  }
  const [small, large] = proofTimes as [(typeof proofTimes)[number], (typeof proofTimes)[number]];
  const depthRatio = Math.ceil(Math.log2(largeLog)) / Math.ceil(Math.log2(smallLog));
  for (const kind of ['inclusion', 'consistency'] as const) {
    rows.push({
      metric: `time per ${kind} proof, 1M ÷ 1k leaves`,
      value: ratio(large[kind], small[kind]),
      anchor: `tree depth 20 ÷ 10 = ${depthRatio.toFixed(2)}×; leaves 1,000×`,
      ratio: ratio(large[kind] / small[kind], depthRatio),
      goal: 'logarithmic: ≤ ~2× (the depth ratio)',
      met: large[kind] / small[kind] <= depthRatio * 1.25,
    });
  }

  // 4. verify() of the 1M-leaf SQLite log against hashing 1M leaves of the same sizes in memory.
  collectGarbage();
  let verification: AuditVerification | undefined;
  const verifying = await timed(async () => {
    verification = await largeAuditLog.verify();
  });
  if (!verification?.ok || verification.size !== largeLog) {
    throw new Error(`verify() of the 1M-leaf log failed: ${JSON.stringify(verification)}`);
  }
  log(`verify() of 1M leaves: ${formatNumber(verifying.wallMs / 1000, 1)} s`);
  const hashTimings: Timing[] = [];
  for (let round = 0; round <= 3; round++) {
    collectGarbage();
    const hashing = await timed(() => hashLeaves(canonical, largeLog));
    if (round > 0) hashTimings.push(hashing);
  }
  const hashMillion = medianTiming(hashTimings);
  const seconds = (timing: Timing) =>
    `${formatNumber(timing.cpuMs / 1000, 2)} s (wall ${formatNumber(timing.wallMs / 1000, 2)} s)`;
  rows.push({
    metric: 'verify() of a 1M-leaf SQLite log (every leaf, position and stored subtree hash, 10 signed heads)',
    value: `${seconds(verifying)}: ${rateText(largeLog, verifying, 'leaves')}`,
    anchor: `SHA-256 of 1M leaves of the same sizes in memory: ${seconds(hashMillion)}`,
    ratio: timeRatio(verifying, hashMillion),
  });

  const fileBytes = [largePath, `${largePath}-wal`].reduce(
    (total, path) => total + (statSync(path, { throwIfNoEntry: false })?.size ?? 0),
    0,
  );
  notes.push(
    `Events: a seeded stream (\`bench/lib/audit-events.ts\`) shaped like Rampart's own (60% \`alert-added\`, case creation, tool calls, status changes, verdicts, approvals); canonical JSON averages ${formatNumber(averageBytes)} bytes. The append anchor hashes the same canonical bytes with SHA-256 (leaf prefix included); the log also validates and canonicalises each event, computes its position hash and the Merkle frontier, and writes it.`,
    `The 1M-leaf SQLite log was appended through \`AuditLog.appendMany\` in batches of 1,000 (events generated on the way, a head signed every 100k leaves) at ${rateText(largeLog, building, 'events')}; the file holds ${formatNumber(fileBytes / 1_048_576)} MB. Proof sizes are the largest over ${proofSamples} seeded samples (leaf indexes, and first sizes for consistency), each checked with \`verifyInclusionProof\` / \`verifyConsistencyProof\` against the root; the proof-time anchor recomputes the root from all n leaf hashes, which is what a log without stored subtree hashes would do per proof.`,
    `Times are CPU time of the process (\`process.cpuUsage\`, all threads), wall time beside: other processes on these 2-core machines stretch wall time unpredictably. The verify() anchor hashes the first 100k events' canonical bytes ten times over (1M leaf hashes of the same size distribution). Load average (1 min) ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end, on ${availableParallelism()} cores.`,
  );
} finally {
  closeSqlite();
  rmSync(directory, { recursive: true, force: true });
}

report('audit', 'Audit log: appends, proofs, verify()', rows, notes);
log('done');
