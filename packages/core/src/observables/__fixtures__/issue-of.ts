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
