import type { AuditEvent } from '../audit/audit-event.js';
import { RampartError } from '../errors.js';

/** An operation that needs an open or at least not-closed case met a closed one. */
export class CaseClosedError extends RampartError {
  override readonly name = 'CaseClosedError';
  constructor(
    readonly caseId: string,
    readonly operation: string,
  ) {
    super(`Case ${caseId} is closed: cannot ${operation}`);
  }
  static override isInstance(value: unknown): value is CaseClosedError {
    return RampartError.isInstance(value) && value.name === 'CaseClosedError';
  }
}

/**
 * The case change was written, but its audit events could not be appended. `events` are the events to
 * append again; the store is not rolled back, because the change happened.
 */
export class AuditAppendError extends RampartError {
  override readonly name = 'AuditAppendError';
  override readonly fault = 'server' as const;
  constructor(
    readonly events: readonly AuditEvent[],
    options: { cause: unknown },
  ) {
    super(`Case changes were stored but ${events.length} audit event(s) could not be appended`, options);
  }
  static override isInstance(value: unknown): value is AuditAppendError {
    return RampartError.isInstance(value) && value.name === 'AuditAppendError';
  }
}
