import type { QuotaDefinition } from './definition.js';

/**
 * How long a response asks the client to wait, in milliseconds: `retry-after-ms` (fractional milliseconds,
 * as some APIs send), then `Retry-After` as delta-seconds or as an HTTP-date (RFC 9110 §10.2.3).
 */
export function retryAfterMs(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const milliseconds = headers['retry-after-ms'];
  if (milliseconds !== undefined) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter === undefined || retryAfter === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number.parseFloat(retryAfter) * 1000);
  // An HTTP-date always names the day and month; `Date.parse` would otherwise accept bare numbers as years.
  if (!/[a-z]{3}/i.test(retryAfter)) return undefined;
  const date = Date.parse(retryAfter);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface VendorBudget {
  limit: number | undefined;
  remaining: number | undefined;
  /** Epoch milliseconds when the vendor's window resets. */
  resetAt: number | undefined;
}

/**
 * Definitions spell header names as vendors document them (`X-Rate-Limit-Limit`); responses carry them lower-case.
 * Lower-cased once per name, not on every response.
 */
const lowerCaseNames = new Map<string, string>();

function lowerCase(name: string): string {
  let lower = lowerCaseNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    lowerCaseNames.set(name, lower);
  }
  return lower;
}

function headerNumber(headers: Readonly<Record<string, string>>, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const raw = headers[lowerCase(name)];
  if (raw === undefined) return undefined;
  // Some vendors send a list (`100, 100;w=60`); the first number is the current window's. `parseFloat` skips
  // leading spaces and stops at the first character that is not part of a number, so it reads exactly that one.
  const value = Number.parseFloat(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** A calendar date-time: ISO 8601 (`2026-11-27T09:00:00Z`, as Jira sends) or an HTTP-date. */
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The reset header as epoch milliseconds. A value that is a date is read as that instant whatever `resetUnit` says
 * (Jira's `X-RateLimit-Reset` is ISO 8601: https://developer.atlassian.com/cloud/jira/platform/rate-limiting/);
 * `parseFloat` would otherwise read `2026-11-27T...` as the number 2026.
 */
function resetInstant(
  headers: Readonly<Record<string, string>>,
  names: NonNullable<QuotaDefinition['headers']>,
  now: number,
): number | undefined {
  if (names.reset === undefined) return undefined;
  const raw = headers[lowerCase(names.reset)]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (isoDateTime.test(raw) || /^[a-z]{3},/i.test(raw)) {
    const date = Date.parse(raw);
    return Number.isNaN(date) ? undefined : date;
  }
  const reset = headerNumber(headers, names.reset);
  if (reset === undefined) return undefined;
  const unit = names.resetUnit ?? 'epoch-seconds';
  return unit === 'epoch-seconds' ? reset * 1000 : unit === 'seconds' ? now + reset * 1000 : now + reset;
}

/** The live budget a vendor reports in its rate-limit headers, as the quota definition names them. */
export function readVendorBudget(
  headers: Readonly<Record<string, string>>,
  names: NonNullable<QuotaDefinition['headers']>,
  now: number,
): VendorBudget | undefined {
  const limit = headerNumber(headers, names.limit);
  const remaining = headerNumber(headers, names.remaining);
  const resetAt = resetInstant(headers, names, now);
  if (limit === undefined && remaining === undefined && resetAt === undefined) return undefined;
  return { limit, remaining, resetAt };
}
