import { describe, expect, it, vi } from 'vitest';
import { LocalLimiter } from './bucket-limiter.js';

describe('LocalLimiter', () => {
  it('starts a call that fits at once, in the same tick', async () => {
    const limiter = new LocalLimiter(5, 1000);
    let started = false;
    const done = limiter.schedule(async () => {
      started = true;
      return 'ok';
    });
    expect(started).toBe(true);
    expect(await done).toBe('ok');
    expect(await limiter.remaining()).toBe(4);
  });

  it('queues calls past the window budget until the window ends, in order', async () => {
    let now = 0;
    vi.useFakeTimers();
    try {
      const limiter = new LocalLimiter(2, 1000, Number.POSITIVE_INFINITY, () => now);
      const order: number[] = [];
      const calls = [1, 2, 3, 4].map((value) => limiter.schedule(async () => order.push(value)));
      await Promise.resolve();
      expect(order).toEqual([1, 2]);
      expect(limiter.queued()).toBe(2);
      now = 1000;
      await vi.advanceTimersByTimeAsync(1000);
      await Promise.all(calls);
      expect(order).toEqual([1, 2, 3, 4]);
      expect(await limiter.remaining()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never runs more than maxConcurrent at once', async () => {
    const limiter = new LocalLimiter(100, 60_000, 2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        limiter.schedule(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });

  it('drops an aborted waiting call from the queue without spending budget', async () => {
    const limiter = new LocalLimiter(1, 60_000);
    await limiter.schedule(async () => undefined);
    const controller = new AbortController();
    const task = vi.fn(async () => undefined);
    const waiting = limiter.schedule(task, controller.signal);
    expect(limiter.queued()).toBe(1);
    controller.abort(new Error('case closed'));
    await expect(waiting).rejects.toThrow('case closed');
    expect(limiter.queued()).toBe(0);
    expect(task).not.toHaveBeenCalled();
    await limiter.stop();
  });

  it('rejects waiting calls when stopped, and frees the slot of a failed call', async () => {
    const limiter = new LocalLimiter(10, 60_000, 1);
    await expect(limiter.schedule(async () => Promise.reject(new Error('vendor down')))).rejects.toThrow('vendor down');
    expect(limiter.running()).toBe(0);
    let release: () => void = () => undefined;
    const holding = limiter.schedule(() => new Promise<void>((resolve) => (release = resolve)));
    const waiting = limiter.schedule(async () => 'never');
    await limiter.stop();
    await expect(waiting).rejects.toThrow('stopped');
    release();
    await holding;
  });
});
