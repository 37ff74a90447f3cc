import { describe, expect, it } from 'vitest';
import { readVendorBudget, retryAfterMs } from './retry-after.js';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);

describe('retryAfterMs', () => {
  it('reads delta-seconds, HTTP-dates and retry-after-ms (which wins)', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': '1.5' }, now)).toBe(1500);
    expect(retryAfterMs({ 'retry-after': new Date(now + 30_000).toUTCString() }, now)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': new Date(now - 30_000).toUTCString() }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': '120', 'retry-after-ms': '250.4' }, now)).toBe(251);
  });

  it('ignores garbage and absence', () => {
    expect(retryAfterMs({}, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': '-5' }, now)).toBeUndefined();
  });
});

describe('readVendorBudget', () => {
  const names = { limit: 'X-Rate-Limit-Limit', remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset' };
  it('reads limit, remaining and an epoch-seconds reset', () => {
    expect(
      readVendorBudget(
        { 'x-rate-limit-limit': '600', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1795780860' },
        names,
        now,
      ),
    ).toEqual({ limit: 600, remaining: 0, resetAt: 1_795_780_860_000 });
  });

  it('understands reset as seconds or milliseconds from now, and list-valued headers', () => {
    expect(readVendorBudget({ 'x-rate-limit-reset': '30' }, { ...names, resetUnit: 'seconds' }, now)?.resetAt).toBe(
      now + 30_000,
    );
    expect(
      readVendorBudget({ 'x-rate-limit-reset': '250' }, { ...names, resetUnit: 'milliseconds' }, now)?.resetAt,
    ).toBe(now + 250);
    expect(readVendorBudget({ 'x-rate-limit-remaining': '12, 100;w=60' }, names, now)?.remaining).toBe(12);
  });

  it('reads a reset sent as an ISO 8601 time (Jira) or an HTTP-date, whatever the declared unit', () => {
    const reset = new Date(now + 42_000);
    expect(readVendorBudget({ 'x-rate-limit-reset': reset.toISOString() }, names, now)?.resetAt).toBe(now + 42_000);
    expect(
      readVendorBudget({ 'x-rate-limit-reset': '2026-11-27T12:00:42+00:00' }, { ...names, resetUnit: 'seconds' }, now)
        ?.resetAt,
    ).toBe(now + 42_000);
    expect(readVendorBudget({ 'x-rate-limit-reset': reset.toUTCString() }, names, now)?.resetAt).toBe(now + 42_000);
    expect(readVendorBudget({ 'x-rate-limit-reset': '2026-13-45T99:00:00Z' }, names, now)).toBeUndefined();
  });

  it('returns undefined when the vendor sent none of them', () => {
    expect(readVendorBudget({ 'content-type': 'application/json' }, names, now)).toBeUndefined();
  });
});
