import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock, sequentialIds } from '../clock.js';
import { MemoryCaseStore } from '../stores/memory-case-store.js';
import { alertInput, baseTime } from './__fixtures__/alert-factory.js';
import { createCaseEngine } from './case-engine.js';

const windowMs = 1_000;
const tenantId = 'acme';

interface Spec {
  uid: string;
  time: number;
  entities: string[];
}

const entityPool = [
  'user:ana',
  'user:ben',
  'user:cho',
  'host:ws-1',
  'host:ws-2',
  'ip:203.0.113.1',
  'ip:203.0.113.2',
  'email:ceo@acme.example',
];

/** Arbitrary alerts over a small entity pool, so that chains, bridges and window gaps all occur. */
const arbitrarySpecs = fc
  .array(
    fc.record({
      time: fc.integer({ min: 0, max: 8 * windowMs }),
      entities: fc.uniqueArray(fc.constantFrom(...entityPool), { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((alerts) => alerts.map((alert, index): Spec => ({ uid: `u${index}`, ...alert })));

/**
 * Separate incidents, each with its own entities: every alert shares an entity with the incident's previous
 * alert at most a window earlier. Nothing ever bridges two incidents, so every ingestion order must find them.
 */
const arbitraryIncidents = fc
  .array(
    fc.record({
      start: fc.integer({ min: 0, max: 5 * windowMs }),
      steps: fc.array(
        fc.record({
          gap: fc.integer({ min: 0, max: windowMs }),
          extra: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
          keep: fc.nat(),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((incidents) => {
    const specs: (Spec & { incident: number })[] = [];
    incidents.forEach((incident, number) => {
      const key = (entity: number) => `user:incident${number}-entity${entity}`;
      let time = incident.start;
      let previous: string[] = [];
      incident.steps.forEach((step, index) => {
        time += index === 0 ? 0 : step.gap;
        const kept = previous.length === 0 ? key(0) : previous[step.keep % previous.length]!;
        const entities = [...new Set([kept, ...step.extra.map(key)])];
        specs.push({ uid: `i${number}-a${index}`, time, entities, incident: number });
        previous = entities;
      });
    });
    return specs.sort((a, b) => a.time - b.time || a.uid.localeCompare(b.uid));
  });

function newEngine() {
  const store = new MemoryCaseStore();
  const engine = createCaseEngine({
    store,
    clock: new ManualClock(baseTime),
    ids: sequentialIds(),
    correlationWindowMs: windowMs,
  });
  return { store, engine };
}

const inputsOf = (specs: readonly Spec[]) =>
  specs.map((spec) => alertInput(spec.uid, { time: baseTime + spec.time, entities: spec.entities }));

/** Ingests batches in order; returns uid → case id. */
async function ingestBatches(batches: readonly (readonly Spec[])[]) {
  const { engine, store } = newEngine();
  const caseOf = new Map<string, string>();
  for (const batch of batches) {
    const result = await engine.ingest(inputsOf(batch), { tenantId });
    for (const alert of result.alerts) caseOf.set(batch[alert.index]!.uid, alert.caseId);
  }
  return { caseOf, store, engine };
}

/** A partition as sorted lists of uids, comparable across runs whatever the case ids. */
function partition(groupOf: ReadonlyMap<string, string | number>): string[][] {
  const groups = new Map<string | number, string[]>();
  for (const [uid, group] of groupOf) {
    const members = groups.get(group);
    if (members === undefined) groups.set(group, [uid]);
    else members.push(uid);
  }
  return [...groups.values()].map((members) => members.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Test oracle, deliberately naive: components of "shares an entity and at most a window apart". */
function components(specs: readonly Spec[]): Map<string, number> {
  const parent = specs.map((_spec, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) index = parent[index]!;
    return index;
  };
  for (let a = 0; a < specs.length; a++) {
    for (let b = a + 1; b < specs.length; b++) {
      const near = Math.abs(specs[a]!.time - specs[b]!.time) <= windowMs;
      if (near && specs[a]!.entities.some((entity) => specs[b]!.entities.includes(entity))) parent[find(a)] = find(b);
    }
  }
  return new Map(specs.map((spec, index) => [spec.uid, find(index)]));
}

/** Cuts a list into consecutive batches at the given (sorted, de-duplicated) positions. */
function split<T>(items: readonly T[], cuts: readonly number[]): T[][] {
  const positions = [...new Set(cuts.map((cut) => cut % (items.length + 1)))].sort((a, b) => a - b);
  const batches: T[][] = [];
  let start = 0;
  for (const position of [...positions, items.length]) {
    if (position > start) batches.push(items.slice(start, position));
    start = Math.max(start, position);
  }
  return batches;
}

const timeOrdered = (specs: readonly Spec[]) =>
  [...specs].sort((a, b) => a.time - b.time || a.uid.localeCompare(b.uid));

describe('correlation properties', () => {
  it('in one batch, alerts connected through shared entities within the window end in one case, and only they', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySpecs, async (specs) => {
        const { caseOf } = await ingestBatches([specs]);
        expect(partition(caseOf)).toEqual(partition(components(specs)));
      }),
    );
  });

  it('across time-ordered batches, a case never holds alerts that are not connected (disjoint never share)', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrarySpecs, fc.array(fc.nat(), { maxLength: 6 }), async (specs, cuts) => {
        const ordered = timeOrdered(specs);
        const { caseOf } = await ingestBatches(split(ordered, cuts));
        const component = components(specs);
        const componentOfCase = new Map<string, number>();
        for (const [uid, caseId] of caseOf) {
          const expected = componentOfCase.get(caseId) ?? component.get(uid)!;
          expect(component.get(uid)).toBe(expected);
          componentOfCase.set(caseId, expected);
        }
      }),
    );
  });

  it('finds the same cases in one batch, in shuffled order, and in many time-ordered batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryIncidents.chain((specs) =>
          fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length })),
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        async ([specs, shuffled], cuts) => {
          const expected = partition(new Map(specs.map((spec) => [spec.uid, spec.incident])));
          expect(partition((await ingestBatches([specs])).caseOf)).toEqual(expected);
          expect(partition((await ingestBatches([shuffled])).caseOf)).toEqual(expected);
          expect(partition((await ingestBatches(split(specs, cuts))).caseOf)).toEqual(expected);
        },
      ),
    );
  });

  it('does not change when alerts are ingested again: duplicates are only counted', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitrarySpecs,
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (specs, cuts, repeats) => {
          const ordered = timeOrdered(specs);
          const batches = split(ordered, cuts);
          const once = await ingestBatches(batches);
          // The same batches, each also delivering again some alerts of the batches before it, then a last
          // batch of repeats from anywhere.
          const redelivered = batches.map((batch, index) => {
            const earlier = batches.slice(0, index).flat();
            return earlier.length === 0
              ? batch
              : [...repeats.map((repeat) => earlier[repeat % earlier.length]!), ...batch];
          });
          const again = repeats.map((repeat) => ordered[repeat % ordered.length]!);
          const twice = await ingestBatches([...redelivered, again]);
          expect(partition(twice.caseOf)).toEqual(partition(once.caseOf));
          const cases = async (store: MemoryCaseStore) =>
            (await store.listCases(tenantId, { limit: 1000 })).cases.length;
          expect(await cases(twice.store)).toBe(await cases(once.store));
        },
      ),
    );
  });
});
