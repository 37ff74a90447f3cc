import { RampartError } from '@rampart/core';

/**
 * Whether `error` is what the issue promises bad input gets: a `RampartError` that says where the fault lies,
 * either as a `path` (`EmailParseError`, `UnrecognizedAlertError`) or as located `issues` (`ValidationError`).
 */
export function isLocatedRampartError(error: unknown): boolean {
  if (!RampartError.isInstance(error)) return false;
  const fields = error as unknown as { path?: unknown; issues?: unknown };
  if (typeof fields.path === 'string') return true;
  return (
    Array.isArray(fields.issues) &&
    fields.issues.length > 0 &&
    fields.issues.every(
      (issue: { path?: unknown; message?: unknown }) =>
        typeof issue.path === 'string' && typeof issue.message === 'string',
    )
  );
}

/** Rethrows anything but a located Rampart error, so fast-check reports it (with the input) as a crash. */
export function expectLocatedRampartError(error: unknown, subject: string): void {
  if (isLocatedRampartError(error)) return;
  const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  throw new Error(`${subject} let a non-Rampart or unlocated error escape: ${description.slice(0, 500)}`, {
    cause: error,
  });
}
