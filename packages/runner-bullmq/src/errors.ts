import { RampartError } from '@rampart/core';

/** The runner was set up with options it cannot work with (a bad limit, a missing tenant factory ...). */
export class RunnerConfigurationError extends RampartError {
  override readonly name = 'RunnerConfigurationError';
  static override isInstance(value: unknown): value is RunnerConfigurationError {
    return RampartError.isInstance(value) && value.name === 'RunnerConfigurationError';
  }
}

/**
 * The queue holds as many jobs as it may: the producer should slow down and offer the alert again after
 * `retryAfterMs`. Nothing was enqueued.
 */
export class BackpressureError extends RampartError {
  override readonly name = 'BackpressureError';
  override readonly fault = 'server' as const;
  constructor(
    readonly queued: number,
    readonly limit: number,
    readonly retryAfterMs: number,
  ) {
    super(`The alert queue holds ${queued} jobs (limit ${limit}); slow down and retry in ${retryAfterMs} ms`);
  }
  static override isInstance(value: unknown): value is BackpressureError {
    return RampartError.isInstance(value) && value.name === 'BackpressureError';
  }
}

/**
 * A job of one tenant reached for another tenant's data. The call is refused before it reaches the store, so
 * nothing of the other tenant is read or written.
 */
export class TenantIsolationError extends RampartError {
  override readonly name = 'TenantIsolationError';
  constructor(
    readonly jobTenantId: string,
    readonly touchedTenantId: string,
    readonly operation: string,
  ) {
    super(`A job of tenant "${jobTenantId}" called ${operation} for tenant "${touchedTenantId}"; refused`);
  }
  static override isInstance(value: unknown): value is TenantIsolationError {
    return RampartError.isInstance(value) && value.name === 'TenantIsolationError';
  }
}
