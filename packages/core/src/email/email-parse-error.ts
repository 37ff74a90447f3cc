import { RampartError } from '../errors.js';

/** Why a raw message could not be read. Codes are stable; messages are for people. */
export type EmailParseErrorCode =
  | 'empty'
  | 'too-large'
  | 'no-headers'
  | 'invalid-header'
  | 'too-many-headers'
  | 'invalid-content-type'
  | 'too-deep'
  | 'too-many-parts';

/**
 * A raw message that `parseEmail` refuses. `path` names the place: `headers[3]` (the fourth header field of the
 * top-level message), `parts[1].parts[0].headers.content-type`, or empty for the message as a whole.
 */
export class EmailParseError extends RampartError {
  override readonly name = 'EmailParseError';
  constructor(
    readonly path: string,
    readonly code: EmailParseErrorCode,
    readonly detail: string,
  ) {
    super(`Invalid email message at ${path || '(root)'}: ${detail}`);
  }
  static override isInstance(value: unknown): value is EmailParseError {
    return RampartError.isInstance(value) && value.name === 'EmailParseError';
  }
}
