import { performance } from 'node:perf_hooks';

export interface Measurement {
  /** Median wall time of one run, milliseconds. */
  medianMs: number;
  runs: number[];
}

/**
 * Runs `work` `warmup` times unmeasured, then `repeat` times measured, and returns the median. Machines here
 * are noisy, so benchmarks report ratios against an anchor measured in the same process, never absolute times
 * as pass/fail.
 */
export async function measure(
  work: () => unknown | Promise<unknown>,
  options: { warmup?: number; repeat?: number } = {},
): Promise<Measurement> {
  const { warmup = 1, repeat = 5 } = options;
  for (let index = 0; index < warmup; index++) await work();
  const runs: number[] = [];
  for (let index = 0; index < repeat; index++) {
    const startedAt = performance.now();
    await work();
    runs.push(performance.now() - startedAt);
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, runs };
}

export function perSecond(count: number, milliseconds: number): number {
  return milliseconds === 0 ? Number.POSITIVE_INFINITY : (count * 1000) / milliseconds;
}

export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}
