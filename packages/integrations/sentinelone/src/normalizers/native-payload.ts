import { z } from 'zod';

/**
 * Validates a vendor payload with `schema` but hands the payload itself on, untouched. Core's `defineNormalizer`
 * passes the parsed value to `normalize`, and zod rebuilds objects with their declared keys first, so `raw_data`
 * would no longer be the vendor's JSON in the vendor's order. Issues keep their paths (`device.hostname`).
 */
export function nativePayload<Native>(schema: z.ZodType<Native>): z.ZodType<Native> {
  return z.custom<Native>().superRefine((value, context) => {
    const result = schema.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) context.addIssue({ ...issue });
  });
}

/** Epoch milliseconds of an ISO 8601 timestamp (vendors send up to nanoseconds); undefined when absent or invalid. */
export function epochMs(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

/** A timestamp field that must parse. */
export const timestamp = z.string().refine((text) => epochMs(text) !== undefined, 'must be an ISO 8601 timestamp');
