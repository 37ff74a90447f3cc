import {
  defang,
  Entity,
  type EntityKind,
  entityKinds,
  parseObservable,
  refang,
  registrableDomain,
  tryParseObservable,
  ValidationError,
} from '@rampart/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzBudget } from './fuzz-budget.js';
import { checkProperty, scaledRuns } from './fuzz-settings.js';
import { recordInputs } from './input-tally.js';
import { applyEdits, stringEdit, validObservables } from './observable-near-misses.js';

const issueCodes = new Set([
  'empty',
  'too-long',
  'invalid-character',
  'invalid-format',
  'out-of-range',
  'ambiguous',
  'unsupported',
]);

/**
 * The observable contract: a canonical entity that is a fixed point, or a ValidationError whose one issue names
 * the part at fault with a stable code. `tryParseObservable` agrees and never throws.
 */
function parseOrTypedError(kind: EntityKind, raw: string): void {
  const attempt = tryParseObservable(kind, raw);
  let entity: Entity;
  try {
    entity = parseObservable(kind, raw);
  } catch (error) {
    if (!ValidationError.isInstance(error))
      throw new Error(`${kind} parser let ${String(error)} escape`, { cause: error });
    const issue = error.issues[0];
    expect(typeof issue?.path).toBe('string');
    expect(issueCodes.has(issue?.code ?? '')).toBe(true);
    expect(attempt.ok).toBe(false);
    return;
  }
  expect(Entity.safeParse(entity).success).toBe(true);
  expect(attempt).toEqual({ ok: true, entity });
  expect(parseObservable(kind, entity.value).value).toBe(entity.value);
  if (kind === 'domain') registrableDomain(entity.value);
  expect(refang(defang(entity.value)).length).toBeGreaterThan(0);
}

const arbitraryText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  {
    weight: 3,
    arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF.:/@[]\\%-_ x'), maxLength: 80 }),
  },
  // Huge inputs are built by repetition: fast-check drawing 50k characters one by one costs seconds per property.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.integer({ min: 5_000, max: 20_000 }))
      .map(([unit, times]) => unit.repeat(times)),
  },
);

describe.each(entityKinds.map((kind) => [kind] as const))('%s observables', (kind) => {
  it('answer arbitrary text with a canonical fixed point or a located ValidationError', () => {
    const runs = scaledRuns(fuzzBudget.arbitraryStringsPerKind);
    let inputs = 0;
    checkProperty(
      `${kind}: arbitrary strings`,
      fc.property(arbitraryText, (raw) => {
        inputs++;
        parseOrTypedError(kind, raw);
      }),
      runs,
    );
    recordInputs(`${kind}: arbitrary strings`, inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });

  it('answer near misses of valid values the same way', () => {
    const seeds = validObservables[kind];
    for (const seed of seeds) expect(tryParseObservable(kind, seed).ok, `${kind} seed ${seed}`).toBe(true);
    const runs = scaledRuns(fuzzBudget.nearMissesPerKind);
    let inputs = 0;
    checkProperty(
      `${kind}: near misses`,
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(stringEdit, { minLength: 1, maxLength: 4 }),
        (seed, edits) => {
          inputs++;
          parseOrTypedError(kind, applyEdits(seeds[seed]!, edits));
        },
      ),
      runs,
    );
    recordInputs(`${kind}: near misses`, inputs);
    expect(inputs).toBeGreaterThanOrEqual(runs);
  });
});
