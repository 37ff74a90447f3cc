import { randomUUID } from 'node:crypto';

/** Where time comes from. Inject a `ManualClock` in tests and the sandbox for deterministic runs. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(milliseconds: number): number {
    this.current += milliseconds;
    return this.current;
  }
  set(epochMilliseconds: number): void {
    this.current = epochMilliseconds;
  }
}

/** Where identifiers come from. Inject `sequentialIds` for deterministic output. */
export interface IdSource {
  next(prefix: string): string;
}

// Ids are joined rather than concatenated so each is one flat string, not a rope (see `entityKey`).
export const randomIds: IdSource = { next: (prefix) => [prefix, randomUUID().replaceAll('-', '')].join('_') };

/** `case_000001`, `case_000002`, ... one counter per prefix. */
export function sequentialIds(): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const value = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, value);
      return [prefix, String(value).padStart(6, '0')].join('_');
    },
  };
}
