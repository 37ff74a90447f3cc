import type { z } from 'zod';
import { type ErrorLocation, ValidationError } from './errors.js';

/** Formats a zod issue path as `a.b[2].c`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function issuesOf(error: z.ZodError): ErrorLocation[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message, code: issue.code }));
}

/** Parses `value` with `schema`, or throws a `ValidationError` naming `subject` and every bad path. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(subject, issuesOf(result.error), { cause: result.error });
}
