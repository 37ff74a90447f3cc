import { RampartError } from '../errors.js';

/** 408, 409, 429 and every 5xx: the request may succeed if sent again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

export interface ModelApiErrorDetails {
  /** The adapter's id, e.g. `openai:gpt-4.1`. */
  model: string;
  /** HTTP status; absent when no response arrived (connection refused, reset, DNS). */
  status?: number;
  /** Defaults to `isRetryableStatus(status)`, or `true` when no response arrived. */
  retryable?: boolean;
  /** How long the provider asked us to wait (`retry-after-ms` / `retry-after`). */
  retryAfterMs?: number;
  /** The provider's request id, for support requests. */
  requestId?: string;
  /** Request URL, without credentials. */
  url?: string;
  /** Response body, truncated, with every credential replaced by `[REDACTED]`. */
  responseBody?: string;
}

/**
 * A model provider answered with an error status, could not be reached, or sent a body that is not what its
 * API promises. Never carries an API key: adapters redact before constructing it.
 */
export class ModelApiError extends RampartError {
  override readonly name = 'ModelApiError';
  override readonly fault: 'client' | 'server';
  readonly model: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly url: string | undefined;
  readonly responseBody: string | undefined;

  constructor(message: string, details: ModelApiErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.model = details.model;
    this.status = details.status;
    this.retryable = details.retryable ?? (details.status === undefined ? true : isRetryableStatus(details.status));
    this.fault = details.status !== undefined && details.status < 500 && details.status !== 429 ? 'client' : 'server';
    this.retryAfterMs = details.retryAfterMs;
    this.requestId = details.requestId;
    this.url = details.url;
    this.responseBody = details.responseBody;
  }

  static override isInstance(value: unknown): value is ModelApiError {
    return RampartError.isInstance(value) && value.name === 'ModelApiError';
  }
}

/**
 * `unknown-tool`: the model called a tool the request did not offer.
 * `invalid-tool-arguments`: the arguments are not JSON (often truncated by the output token limit).
 */
export type ModelBehaviorErrorCode = 'unknown-tool' | 'invalid-tool-arguments';

export interface ModelBehaviorErrorDetails {
  model: string;
  code: ModelBehaviorErrorCode;
  toolName?: string;
  toolCallId?: string;
  /** The raw arguments as the model sent them, truncated. */
  rawArguments?: string;
}

const rawArgumentsLimit = 2_000;

/**
 * The model answered, but not within the contract: a call to a tool it was not given, arguments that do
 * not parse. Asking again (or telling the model what was wrong) may help, so the fault is `server`.
 */
export class ModelBehaviorError extends RampartError {
  override readonly name = 'ModelBehaviorError';
  override readonly fault = 'server' as const;
  readonly model: string;
  readonly code: ModelBehaviorErrorCode;
  readonly toolName: string | undefined;
  readonly toolCallId: string | undefined;
  readonly rawArguments: string | undefined;

  constructor(message: string, details: ModelBehaviorErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.model = details.model;
    this.code = details.code;
    this.toolName = details.toolName;
    this.toolCallId = details.toolCallId;
    this.rawArguments = details.rawArguments?.slice(0, rawArgumentsLimit);
  }

  static override isInstance(value: unknown): value is ModelBehaviorError {
    return RampartError.isInstance(value) && value.name === 'ModelBehaviorError';
  }
}
