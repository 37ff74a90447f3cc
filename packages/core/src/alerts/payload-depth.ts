import { ValidationError } from '../errors.js';

/**
 * How deep a vendor payload may nest. Real alerts nest a dozen levels; `JSON.parse` builds values thousands of
 * levels deep without complaint, and recursive code downstream (zod's lazy schemas, `JSON.stringify` for
 * `raw_data`) then overflows the stack with a `RangeError` that names nothing. A circular value is caught too.
 */
export const maxPayloadDepth = 128;

/** Whether the payload stays within `maxPayloadDepth`: the hot path, so it builds no paths. */
function withinDepth(payload: unknown): boolean {
  const values: unknown[] = [payload];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxPayloadDepth) return false;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        values.push(value[index]);
        depths.push(depth + 1);
      }
    } else {
      for (const key of Object.keys(value)) {
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return true;
}

/** The path of the first value found nesting deeper than `maxPayloadDepth`, for the error only. */
function deepPath(payload: unknown, pathPrefix: string): string {
  const pending: Array<{ value: unknown; depth: number; path: string }> = [
    { value: payload, depth: 0, path: pathPrefix },
  ];
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxPayloadDepth) return path;
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
  return pathPrefix;
}

/**
 * Throws a `ValidationError` naming the first path that nests deeper than `maxPayloadDepth` (or loops back on
 * itself). Iterative, so checking never overflows the stack it protects.
 */
export function assertPayloadDepth(payload: unknown, subject: string, pathPrefix = ''): void {
  if (withinDepth(payload)) return;
  throw new ValidationError(subject, [
    {
      path: deepPath(payload, pathPrefix),
      code: 'too_deep',
      message: `nested deeper than ${maxPayloadDepth} levels (or circular)`,
    },
  ]);
}
