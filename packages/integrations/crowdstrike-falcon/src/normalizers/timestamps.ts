import { z } from 'zod';

/** Epoch milliseconds of an ISO 8601 timestamp (Falcon sends up to nanoseconds); undefined when absent or invalid. */
export function epochMs(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}

/** A timestamp field that must parse. */
export const timestamp = z.string().refine((text) => epochMs(text) !== undefined, 'must be an ISO 8601 timestamp');
