import { type ErrorLocation, RampartError } from '@rampart/core';

/** The generator cannot go on: a manifest, a spec or the checked-in output is not what it needs. */
export class CodegenError extends RampartError {
  override readonly name = 'CodegenError';
  constructor(
    message: string,
    options?: {
      cause?: unknown;
      /** Every offending place, e.g. manifest paths, so one run reports them all. */
      issues?: ErrorLocation[];
    },
  ) {
    super(message, options);
    this.issues = options?.issues ?? [];
  }
  readonly issues: ErrorLocation[];
  static override isInstance(value: unknown): value is CodegenError {
    return RampartError.isInstance(value) && value.name === 'CodegenError';
  }
}
