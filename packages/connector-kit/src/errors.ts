import { type ErrorLocation, RampartError } from '@rampart/core/connector';

/**
 * The connector error taxonomy. Every error extends core's `RampartError` (recognised across package versions by
 * its `Symbol.for` marker), carries a literal `name`, a `fault` (`client`: the caller must change something;
 * `server`: the vendor or the network failed) and `isRetryable` (trying again later may succeed; whether the
 * runtime itself retries also depends on the operation being idempotent).
 *
 * Nothing in an error holds a secret: URLs, headers and body excerpts are redacted before an error is built.
 */

const httpMarker = Symbol.for('rampart.connector-http-error');

/** The request as it may be shown: secrets in the URL and headers are replaced by `[REDACTED]`. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The response as it may be shown: headers redacted, body cut to an excerpt with secrets removed. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyExcerpt: string;
}

export interface ConnectorHttpErrorOptions {
  /** Connector id, e.g. `okta`. */
  connector: string;
  /** Operation (tool) name, or `oauth2Token` for token requests. */
  operation: string;
  request: RecordedRequest;
  response?: RecordedResponse;
  cause?: unknown;
}

/** Base of every failure of an HTTP exchange with a vendor; other 4xx statuses surface as this class itself. */
export class ConnectorHttpError extends RampartError {
  readonly [httpMarker] = true;
  override readonly name: string = 'ConnectorHttpError';
  /** The HTTP status, or `undefined` when no response arrived (network failure, timeout). */
  readonly status: number | undefined;
  readonly connector: string;
  readonly operation: string;
  readonly request: RecordedRequest;
  readonly response: RecordedResponse | undefined;
  readonly isRetryable: boolean = false;

  constructor(message: string, options: ConnectorHttpErrorOptions) {
    super(`${options.connector}.${options.operation}: ${message}`, { cause: options.cause });
    this.connector = options.connector;
    this.operation = options.operation;
    this.request = options.request;
    this.response = options.response;
    this.status = options.response?.status;
  }

  static override isInstance(value: unknown): value is ConnectorHttpError {
    return RampartError.isInstance(value) && (value as unknown as Record<symbol, unknown>)[httpMarker] === true;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      fault: this.fault,
      isRetryable: this.isRetryable,
      status: this.status,
      connector: this.connector,
      operation: this.operation,
      request: this.request,
      response: this.response,
    };
  }
}

/** 401: the credentials were rejected (after one token refresh, for OAuth2). */
export class AuthenticationError extends ConnectorHttpError {
  override readonly name = 'AuthenticationError' as const;
  static override isInstance(value: unknown): value is AuthenticationError {
    return ConnectorHttpError.isInstance(value) && value.name === 'AuthenticationError';
  }
}

/** 403: the credentials are valid but lack a permission (see the operation's `scopes`). */
export class PermissionError extends ConnectorHttpError {
  override readonly name = 'PermissionError' as const;
  static override isInstance(value: unknown): value is PermissionError {
    return ConnectorHttpError.isInstance(value) && value.name === 'PermissionError';
  }
}

/** 404: the vendor has no such object. */
export class VendorNotFoundError extends ConnectorHttpError {
  override readonly name = 'VendorNotFoundError' as const;
  static override isInstance(value: unknown): value is VendorNotFoundError {
    return ConnectorHttpError.isInstance(value) && value.name === 'VendorNotFoundError';
  }
}

/** 429, after the retry budget was spent or the vendor asked to wait longer than the budget allows. */
export class RateLimitedError extends ConnectorHttpError {
  override readonly name = 'RateLimitedError' as const;
  override readonly fault = 'server' as const;
  override readonly isRetryable = true;
  /** How long the vendor asked to wait (Retry-After / retry-after-ms / reset header), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: ConnectorHttpErrorOptions & { retryAfterMs: number | undefined }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
  static override isInstance(value: unknown): value is RateLimitedError {
    return ConnectorHttpError.isInstance(value) && value.name === 'RateLimitedError';
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

export type UnavailableReason = 'status' | 'network' | 'timeout';

/** 5xx or 408, a network failure, or a timeout: the vendor could not be reached or failed. */
export class VendorUnavailableError extends ConnectorHttpError {
  override readonly name = 'VendorUnavailableError' as const;
  override readonly fault = 'server' as const;
  override readonly isRetryable = true;
  readonly reason: UnavailableReason;
  /** How long the vendor asked to wait (503 + Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  /** Low-level error code for network failures, e.g. `ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`. */
  readonly code: string | undefined;
  constructor(
    message: string,
    options: ConnectorHttpErrorOptions & { reason: UnavailableReason; retryAfterMs?: number; code?: string },
  ) {
    super(message, options);
    this.reason = options.reason;
    this.retryAfterMs = options.retryAfterMs;
    this.code = options.code;
  }
  static override isInstance(value: unknown): value is VendorUnavailableError {
    return ConnectorHttpError.isInstance(value) && value.name === 'VendorUnavailableError';
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reason: this.reason, retryAfterMs: this.retryAfterMs, code: this.code };
  }
}

/** The vendor answered 2xx with a body that does not match the operation's output schema (or is not JSON). */
export class InvalidResponseError extends ConnectorHttpError {
  override readonly name = 'InvalidResponseError' as const;
  override readonly fault = 'server' as const;
  /** Every offending path of the response body, e.g. `status` or `data[3].profile.email`. */
  readonly issues: readonly ErrorLocation[];
  constructor(message: string, options: ConnectorHttpErrorOptions & { issues: ErrorLocation[] }) {
    super(
      `${message}: ${options.issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`,
      options,
    );
    this.issues = options.issues;
  }
  static override isInstance(value: unknown): value is InvalidResponseError {
    return ConnectorHttpError.isInstance(value) && value.name === 'InvalidResponseError';
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/** A request (or a redirect, a pagination link, a vendor-supplied URL) pointed at a host outside the allow-list. */
export class HostNotAllowedError extends RampartError {
  override readonly name = 'HostNotAllowedError' as const;
  readonly isRetryable = false;
  constructor(
    /** The refused URL, redacted. */
    readonly url: string,
    readonly allowedHosts: readonly string[],
    /** What produced the URL: the base URL, a redirect, a pagination link, a token URL. */
    readonly origin: 'base-url' | 'redirect' | 'pagination' | 'token-url' | 'request',
  ) {
    super(`Refusing to send a request to ${url} (${origin}): host not in the allow-list [${allowedHosts.join(', ')}]`);
  }
  static override isInstance(value: unknown): value is HostNotAllowedError {
    return RampartError.isInstance(value) && value.name === 'HostNotAllowedError';
  }
}

/** The connector was created or called with options that cannot work (missing variables, wrong credentials...). */
export class ConnectorConfigurationError extends RampartError {
  override readonly name = 'ConnectorConfigurationError' as const;
  readonly isRetryable = false;
  static override isInstance(value: unknown): value is ConnectorConfigurationError {
    return RampartError.isInstance(value) && value.name === 'ConnectorConfigurationError';
  }
}
