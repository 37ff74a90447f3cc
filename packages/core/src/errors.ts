/**
 * One error base for every Rampart package. The `Symbol.for` marker makes `isInstance` work across
 * duplicated package versions in one process, where `instanceof` would fail.
 */
const marker = Symbol.for('rampart.error');

export interface ErrorLocation {
  /** Dotted path to the offending value, e.g. `finding_info.uid` or `observables[2].value`. */
  path: string;
  message: string;
  /** Zod issue code or a Rampart-specific code. */
  code?: string;
}

export class RampartError extends Error {
  readonly [marker] = true;
  /** Stable machine-readable name, e.g. `ValidationError`. */
  override readonly name: string = 'RampartError';
  /** Where the fault lies: the caller (bad input) or the system/vendor (retry may help). */
  readonly fault: 'client' | 'server' = 'client';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  static isInstance(value: unknown): value is RampartError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** Input that does not match its schema. `issues` name every offending path. */
export class ValidationError extends RampartError {
  override readonly name = 'ValidationError';
  constructor(
    /** What was being validated, e.g. `Alert`, `tool suspendUser input`. */
    readonly subject: string,
    readonly issues: ErrorLocation[],
    options?: { cause?: unknown },
  ) {
    super(
      `Invalid ${subject}: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
      options,
    );
  }
  static override isInstance(value: unknown): value is ValidationError {
    return RampartError.isInstance(value) && value.name === 'ValidationError';
  }
}

/** A case lifecycle move that the state machine forbids. */
export class InvalidTransitionError extends RampartError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly caseId: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`Case ${caseId} cannot move from "${from}" to "${to}"`);
  }
  static override isInstance(value: unknown): value is InvalidTransitionError {
    return RampartError.isInstance(value) && value.name === 'InvalidTransitionError';
  }
}

export class NotFoundError extends RampartError {
  override readonly name = 'NotFoundError';
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super(`${kind} "${id}" was not found`);
  }
  static override isInstance(value: unknown): value is NotFoundError {
    return RampartError.isInstance(value) && value.name === 'NotFoundError';
  }
}

/** A concurrent writer changed the record first (optimistic concurrency). Re-read and retry. */
export class ConflictError extends RampartError {
  override readonly name = 'ConflictError';
  override readonly fault = 'server' as const;
  constructor(
    readonly kind: string,
    readonly id: string,
    readonly expectedVersion: number,
    readonly actualVersion: number | undefined,
  ) {
    super(`${kind} "${id}" is at version ${actualVersion ?? 'none'}, expected ${expectedVersion}`);
  }
  static override isInstance(value: unknown): value is ConflictError {
    return RampartError.isInstance(value) && value.name === 'ConflictError';
  }
}

/** The audit log does not verify: a leaf, proof or signed head was altered, reordered or truncated. */
export class AuditIntegrityError extends RampartError {
  override readonly name = 'AuditIntegrityError';
  override readonly fault = 'server' as const;
  constructor(
    message: string,
    /** The first leaf index found bad, when one is known. */
    readonly leafIndex?: number,
  ) {
    super(message);
  }
  static override isInstance(value: unknown): value is AuditIntegrityError {
    return RampartError.isInstance(value) && value.name === 'AuditIntegrityError';
  }
}
