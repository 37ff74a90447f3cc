import { RampartError } from '@rampart/core';

/** A store option that cannot work: a schema or role name PostgreSQL would misread, a missing connection. */
export class PostgresConfigurationError extends RampartError {
  override readonly name = 'PostgresConfigurationError';
  static override isInstance(value: unknown): value is PostgresConfigurationError {
    return RampartError.isInstance(value) && value.name === 'PostgresConfigurationError';
  }
}

/**
 * An operation on a tenant's rows was asked for without a usable tenant id. Row-level security compares rows
 * with the id the transaction sets, so an empty id would only ever see nothing; failing loudly finds the bug.
 */
export class TenantScopeError extends RampartError {
  override readonly name = 'TenantScopeError';
  constructor(readonly operation: string) {
    super(`${operation} needs a non-empty tenant id`);
  }
  static override isInstance(value: unknown): value is TenantScopeError {
    return RampartError.isInstance(value) && value.name === 'TenantScopeError';
  }
}
