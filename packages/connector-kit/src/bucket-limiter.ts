import type { VendorBudget } from './retry-after.js';

/** A vendor's rate-limit headers on one response, with when its request was sent. */
export interface VendorObservation {
  budget: VendorBudget;
  /** Epoch ms the request was sent: a response to a request of an earlier window says nothing about this one. */
  sentAt: number;
  /** Epoch ms the response arrived. */
  receivedAt: number;
  /** How precise the reset is: 1,000 ms for whole seconds (the vendor rounds its reset up to them). */
  resolutionMs: number;
}

/** What a quota bucket needs from a limiter: admit work within a window budget and a concurrency cap. */
export interface BucketLimiter {
  /** Runs `task` once the bucket admits it; a caller that aborts while waiting leaves the queue at once. */
  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Requests left in the current window, `null` when unknown. */
  remaining(): Promise<number | null>;
  running(): number;
  queued(): number;
  stop(): Promise<void>;
  /**
   * Adapts the window to the vendor's headers. A limiter without it leaves them to the quota manager, which
   * pauses the bucket until the reported reset when the budget is spent.
   */
  observe?(observation: VendorObservation): void;
  /** Holds every caller, in every process sharing the limiter, until `until` (epoch ms). */
  pause?(until: number): Promise<void>;
}

interface Waiting {
  start(): void;
  cancel(reason: unknown): void;
}

/**
 * The in-process limiter: a fixed window of `limit` requests that opens with the first request after the last
 * window ended (as vendors count), plus at most `maxConcurrent` at once. A call that fits starts synchronously —
 * no timer, no extra hop — so an idle bucket adds almost nothing to a tool call; only a full bucket queues (FIFO)
 * and sets one timer for the window's end. Clustered limits use `RedisWindowLimiter`, where Redis is the authority.
 */
export class LocalLimiter implements BucketLimiter {
  private reservoir: number;
  private windowEndsAt = 0;
  private active = 0;
  private readonly waiting: Waiting[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxConcurrent = Number.POSITIVE_INFINITY,
    private readonly now: () => number = Date.now,
  ) {
    this.reservoir = limit;
  }

  schedule<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('The quota limiter was stopped'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiting.length === 0 && this.admits()) return this.start(task);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal!.reason);
      };
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.start(task).then(resolve, reject);
        },
        cancel: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
      this.wakeAtWindowEnd();
    });
  }

  /** True when a call could start right now without queueing (nobody waits, budget and a slot are free). */
  admitsNow(): boolean {
    return !this.stopped && this.waiting.length === 0 && this.admits();
  }

  /** Takes one request of the window and one slot; pair with `leave()`. Only after `admitsNow()` said yes. */
  enter(): void {
    this.reservoir--;
    this.active++;
  }

  /** Gives the slot back and lets queued calls in. */
  leave(): void {
    this.active--;
    this.drain();
  }

  async remaining(): Promise<number> {
    this.refill();
    return this.reservoir;
  }

  running(): number {
    return this.active;
  }

  queued(): number {
    return this.waiting.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const entry of this.waiting.splice(0)) entry.cancel(new Error('The quota limiter was stopped'));
  }

  private refill(): void {
    const now = this.now();
    if (now >= this.windowEndsAt) {
      this.reservoir = this.limit;
      this.windowEndsAt = now + this.windowMs;
    }
  }

  private admits(): boolean {
    this.refill();
    return this.reservoir > 0 && this.active < this.maxConcurrent;
  }

  private start<T>(task: () => Promise<T>): Promise<T> {
    this.enter();
    let running: Promise<T>;
    try {
      running = task();
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.finally(() => this.leave());
  }

  private drain(): void {
    while (this.waiting.length > 0 && this.admits()) this.waiting.shift()!.start();
    this.wakeAtWindowEnd();
  }

  /** With work queued on an empty window, one timer drains the queue when the window ends. */
  private wakeAtWindowEnd(): void {
    if (this.stopped || this.timer !== undefined || this.waiting.length === 0) return;
    this.refill();
    if (this.reservoir > 0) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.max(0, this.windowEndsAt - this.now()),
    );
  }
}
