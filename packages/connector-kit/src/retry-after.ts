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

function headerNumber(headers: Readonly<Record<string, string>>, name: string | undefined): number | undefined {
  if (name === undefined) return undefined;
  const raw = headers[name.toLowerCase()];
  if (raw === undefined) return undefined;
  // Some vendors send a list (`100, 100;w=60`); the first number is the current window's.
  const value = Number.parseFloat(raw.split(',')[0]!.trim());
  return Number.isFinite(value) ? value : undefined;
}

/** The live budget a vendor reports in its rate-limit headers, as the quota definition names them. */
export function readVendorBudget(
  headers: Readonly<Record<string, string>>,
  names: NonNullable<QuotaDefinition['headers']>,
  now: number,
): VendorBudget | undefined {
  const limit = headerNumber(headers, names.limit);
  const remaining = headerNumber(headers, names.remaining);
  const reset = headerNumber(headers, names.reset);
  if (limit === undefined && remaining === undefined && reset === undefined) return undefined;
  let resetAt: number | undefined;
  if (reset !== undefined) {
    const unit = names.resetUnit ?? 'epoch-seconds';
    resetAt = unit === 'epoch-seconds' ? reset * 1000 : unit === 'seconds' ? now + reset * 1000 : now + reset;
  }
  return { limit, remaining, resetAt };
}
