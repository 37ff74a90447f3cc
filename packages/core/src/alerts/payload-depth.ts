import { ValidationError } from '../errors.js';

/**
 * How deep a vendor payload may nest. Real alerts nest a dozen levels; `JSON.parse` builds values thousands of
 * levels deep without complaint, and recursive code downstream (zod's lazy schemas, `JSON.stringify` for
 * `raw_data`) then overflows the stack with a `RangeError` that names nothing. A circular value is caught too.
 */
export const maxPayloadDepth = 128;

/**
 * Throws a `ValidationError` naming the first path that nests deeper than `maxPayloadDepth` (or loops back on
 * itself). Iterative, so checking never overflows the stack it protects.
 */
export function assertPayloadDepth(payload: unknown, subject: string, pathPrefix = ''): void {
  const pending: Array<{ value: unknown; depth: number; path: string }> = [
    { value: payload, depth: 0, path: pathPrefix },
  ];
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxPayloadDepth) {
      throw new ValidationError(subject, [
        { path, code: 'too_deep', message: `nested deeper than ${maxPayloadDepth} levels (or circular)` },
      ]);
    }
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        pending.push({ value: value[index], depth: depth + 1, path: `${path}[${index}]` });
      }
    } else {
      for (const key of Object.keys(value)) {
        pending.push({
          value: (value as Record<string, unknown>)[key],
          depth: depth + 1,
          path: path ? `${path}.${key}` : key,
        });
      }
    }
  }
}
