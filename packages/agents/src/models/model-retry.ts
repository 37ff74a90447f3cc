import { type Clock, ModelApiError, systemClock } from '@rampart/core';

export interface RetryOptions {
  /** Attempts after the first one. Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** First backoff delay in milliseconds, doubled for each further retry. Default 1000. */
  initialDelayMs?: number;
  /**
   * The longest wait, for backoff and for a provider's `retry-after`. A provider asking for more gets its
   * error back at once (with `retryAfterMs`), so a queue can reschedule instead of holding a worker.
   * Default 60000.
   */
  maxDelayMs?: number;
  /** Waits between attempts. Inject it in tests or to use a scheduler; must reject when `signal` aborts. */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1) for backoff jitter. Default `Math.random`. */
  random?: () => number;
  /** Reads HTTP-date `retry-after` values against it. Default `systemClock`. */
  clock?: Clock;
}

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export function sleepWithSignal(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `operation`, retrying `ModelApiError`s that are `retryable`: after the provider's `retryAfterMs` when
 * it gave one, otherwise after an exponential backoff with jitter. Every other error is thrown at once.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  options: RetryOptions = {},
  signal?: AbortSignal,
): Promise<T> {
  const maxRetries = options.maxRetries ?? 2;
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const sleep = options.sleep ?? sleepWithSignal;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!ModelApiError.isInstance(error) || !error.retryable || attempt >= maxRetries) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxDelayMs) throw error;
      if (signal?.aborted) throw abortReason(signal);
      const backoff = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt) * (0.5 + 0.5 * random());
      await sleep(Math.round(error.retryAfterMs ?? backoff), signal);
    }
  }
}

/**
 * How long the provider asked us to wait: `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an
 * HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMilliseconds(headers: Headers, clock: Clock = systemClock): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - clock.now());
}
