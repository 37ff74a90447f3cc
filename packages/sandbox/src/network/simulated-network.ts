import type { ManualClock } from '@rampart/core';

/** When one simulated request ran, on the sandbox clock. */
export interface SimulatedSpan {
  startedAt: number;
  completedAt: number;
}

export interface SimulatedNetworkOptions {
  /**
   * How many event-loop turns (zero-delay timers) without a new request make the network "quiet", so the request
   * that ends first may complete. Requests issued together (`Promise.all`) travel through a few timer hops of the
   * runtime (rate limiters, interceptors) before they reach a handler; this must outlast those hops. Default 8.
   */
  settleTurns?: number;
}

interface InFlight {
  completedAt: number;
  order: number;
  release: () => void;
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Vendor latency on a simulated clock, as a small discrete-event scheduler. A request starts at the clock's current
 * time and completes at start + latency. Requests never sleep: they wait until the network is quiet (every request
 * issued together has arrived), then the one that ends first completes and the clock moves to
 * max(now, its end). Serial calls therefore add up and parallel ones overlap, and a run takes the same simulated
 * time however fast the machine is.
 */
export class SimulatedNetwork {
  private readonly inFlight: InFlight[] = [];
  private arrivals = 0;
  private draining = false;
  private readonly settleTurns: number;

  constructor(
    private readonly clock: ManualClock,
    options: SimulatedNetworkOptions = {},
  ) {
    this.settleTurns = Math.max(1, options.settleTurns ?? 8);
  }

  /** Requests waiting for their simulated completion. */
  get pending(): number {
    return this.inFlight.length;
  }

  /** Starts a request now and resolves when the simulated clock reaches its end. */
  async travel(latencyMs: number): Promise<SimulatedSpan> {
    const startedAt = this.clock.now();
    const completedAt = startedAt + Math.max(0, latencyMs);
    const order = this.arrivals++;
    const arrived = new Promise<void>((release) => {
      this.inFlight.push({ completedAt, order, release });
    });
    void this.drain();
    await arrived;
    return { startedAt, completedAt };
  }

  private async quiet(): Promise<void> {
    let seen = this.arrivals;
    let calm = 0;
    while (calm < this.settleTurns) {
      await nextTurn();
      if (this.arrivals === seen) calm++;
      else {
        seen = this.arrivals;
        calm = 0;
      }
    }
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.inFlight.length > 0) {
        await this.quiet();
        this.inFlight.sort((a, b) => a.completedAt - b.completedAt || a.order - b.order);
        const next = this.inFlight.shift()!;
        if (this.clock.now() < next.completedAt) this.clock.set(next.completedAt);
        next.release();
      }
    } finally {
      this.draining = false;
    }
  }
}
