import fc from 'fast-check';
import { expect } from 'vitest';
import { ValidationError } from '../../errors.js';

/** The first issue of the `ValidationError` that `run` throws; fails the test when it throws nothing. */
export function issueOf(run: () => unknown): { path: string; code?: string; message: string } {
  try {
    run();
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues[0]!;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

/**
 * For any input, `canonicalise` either throws a `ValidationError` or returns a fixed point: canonicalising
 * the canonical value again returns it unchanged.
 */
export function assertFixedPoint(
  canonicalise: (raw: string) => string,
  inputs: fc.Arbitrary<string> = fc.string({ maxLength: 40 }),
  numRuns = 2000,
): void {
  fc.assert(
    fc.property(inputs, (raw) => {
      let canonical: string;
      try {
        canonical = canonicalise(raw);
      } catch (error) {
        expect(ValidationError.isInstance(error)).toBe(true);
        return;
      }
      expect(canonicalise(canonical)).toBe(canonical);
    }),
    { numRuns },
  );
}
