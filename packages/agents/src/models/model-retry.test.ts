import { ManualClock, ModelApiError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { retryAfterMilliseconds, sleepWithSignal, withRetry } from './model-retry.js';
import { recordingSleep } from './provider-test-server.js';

const rateLimited = (retryAfterMs?: number) =>
  new ModelApiError('rate limited', {
    model: 'test:model',
    status: 429,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
  });

describe('retryAfterMilliseconds', () => {
  it('prefers retry-after-ms, then reads retry-after as seconds or as an HTTP date', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 12, 0, 0));
    expect(retryAfterMilliseconds(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), clock)).toBe(250);
    expect(retryAfterMilliseconds(new Headers({ 'retry-after': '1.5' }), clock)).toBe(1500);
    expect(retryAfterMilliseconds(new Headers({ 'retry-after': 'Fri, 27 Nov 2026 12:00:30 GMT' }), clock)).toBe(30_000);
    expect(retryAfterMilliseconds(new Headers({ 'retry-after': 'soon' }), clock)).toBeUndefined();
    expect(retryAfterMilliseconds(new Headers(), clock)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('does not retry errors that are not retryable ModelApiErrors', async () => {
    let attempts = 0;
    const sleep = recordingSleep();
    const fail = (error: Error) => () => {
      attempts++;
      return Promise.reject(error);
    };
    await expect(withRetry(fail(new TypeError('bug')), { sleep: sleep.sleep })).rejects.toThrow('bug');
    await expect(
      withRetry(fail(new ModelApiError('bad request', { model: 'test:model', status: 400 })), { sleep: sleep.sleep }),
    ).rejects.toThrow('bad request');
    expect(attempts).toBe(2);
    expect(sleep.waits).toEqual([]);
  });

  it('hands back at once an error whose retry-after is longer than maxDelayMs', async () => {
    const sleep = recordingSleep();
    const error = await withRetry(() => Promise.reject(rateLimited(120_000)), { sleep: sleep.sleep }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(sleep.waits).toEqual([]);
  });

  it('backs off exponentially with jitter, capped at maxDelayMs', async () => {
    const sleep = recordingSleep();
    await withRetry(() => Promise.reject(rateLimited()), {
      sleep: sleep.sleep,
      maxRetries: 4,
      initialDelayMs: 1_000,
      maxDelayMs: 5_000,
      random: () => 0.999,
    }).catch(() => undefined);
    expect(sleep.waits).toEqual([1000, 1999, 3998, 4998]);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const waiting = sleepWithSignal(60_000, controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
  });
});
