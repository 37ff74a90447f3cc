import { withoutComments } from './header-comments.js';

/** ISO 8601 (and the schema's `z.iso.datetime()`) has four-digit years: 0000-01-01 to 9999-12-31. */
const earliest = -62_167_219_200_000;
const latest = 253_402_300_799_999;

/**
 * A header date (`Date:`, the end of a `Received:` line) as ISO 8601, or undefined when it does not parse or lies
 * outside years 0-9999, where `toISOString` writes six-digit years (`+275760-…`) that are not ISO 8601 (fuzz found
 * one in a mutated Received date).
 */
export function isoDateOfHeader(value: string): string | undefined {
  const time = Date.parse(withoutComments(value).trim());
  return Number.isFinite(time) && time >= earliest && time <= latest ? new Date(time).toISOString() : undefined;
}
