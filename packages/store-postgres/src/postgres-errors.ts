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

/**
 * A statement PostgreSQL refused, or a connection that failed. Names the tenant scope and the statement (its
 * first line, without values), carries the SQLSTATE code, and keeps the driver's error as `cause`. Integrity
 * violations (SQLSTATE class 23) are the caller's fault; anything else may pass on retry.
 */
export class PostgresQueryError extends RampartError {
  override readonly name = 'PostgresQueryError';
  override readonly fault: 'client' | 'server';
  /** The SQLSTATE code, e.g. `23505` for a unique violation; undefined for connection failures. */
  readonly code: string | undefined;

  constructor(
    readonly context: { tenantId: string | undefined; statement: string },
    cause: unknown,
  ) {
    const code = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
    const sqlState = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
    const statement = context.statement.trim().split('\n')[0]!.slice(0, 120);
    const scope = context.tenantId === undefined ? 'no tenant scope' : `tenant "${context.tenantId}"`;
    super(
      `PostgreSQL ${sqlState === undefined ? 'error' : `error ${sqlState}`} (${scope}) in "${statement}": ${(cause as Error)?.message ?? String(cause)}`,
      { cause },
    );
    this.code = sqlState;
    this.fault = sqlState?.startsWith('23') ? 'client' : 'server';
  }

  static override isInstance(value: unknown): value is PostgresQueryError {
    return RampartError.isInstance(value) && value.name === 'PostgresQueryError';
  }
}
