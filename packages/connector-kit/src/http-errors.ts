import type { OutgoingRequest } from './auth.js';
import {
  AuthenticationError,
  ConnectorHttpError,
  type ConnectorHttpErrorOptions,
  PermissionError,
  RateLimitedError,
  type RecordedRequest,
  type RecordedResponse,
  VendorNotFoundError,
  VendorUnavailableError,
} from './errors.js';
import type { Redactor } from './redaction.js';
import { isThrottlingResponse } from './throttling-response.js';
import type { TransportError, TransportResponse } from './transport.js';

export function recordRequest(redactor: Redactor, request: OutgoingRequest): RecordedRequest {
  return { method: request.method, url: redactor.url(request.url), headers: redactor.headers(request.headers) };
}

export function recordResponse(redactor: Redactor, response: TransportResponse): RecordedResponse {
  return {
    status: response.status,
    headers: redactor.headers(response.headers),
    bodyExcerpt: redactor.excerpt(response.body),
  };
}

/** The vendor's own error text, when its body says something short and useful. */
function vendorMessage(excerpt: string): string {
  const text = excerpt.replace(/\s+/g, ' ').trim();
  return text === '' ? '' : ` — ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

/** Maps a non-2xx response to the taxonomy; a throttling answer (429, AWS `Throttling` as 400) is `RateLimitedError`. */
export function errorForStatus(
  base: { connector: string; operation: string; redactor: Redactor; request: OutgoingRequest },
  response: TransportResponse,
  retryAfterMs: number | undefined,
): ConnectorHttpError {
  const recorded = recordResponse(base.redactor, response);
  const options: ConnectorHttpErrorOptions = {
    connector: base.connector,
    operation: base.operation,
    request: recordRequest(base.redactor, base.request),
    response: recorded,
  };
  const status = response.status;
  const detail = vendorMessage(recorded.bodyExcerpt);
  if (status === 401) return new AuthenticationError(`401 credentials rejected${detail}`, options);
  if (status === 403) return new PermissionError(`403 permission denied${detail}`, options);
  if (status === 404) return new VendorNotFoundError(`404 not found${detail}`, options);
  if (isThrottlingResponse(response)) {
    const wait = retryAfterMs === undefined ? '' : ` (retry after ${retryAfterMs} ms)`;
    const what = status === 429 ? '' : detail;
    return new RateLimitedError(`${status} rate limited${wait}${what}`, { ...options, retryAfterMs });
  }
  if (status >= 500 || status === 408) {
    return new VendorUnavailableError(`${status} vendor unavailable${detail}`, {
      ...options,
      reason: 'status',
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  return new ConnectorHttpError(`${status} request failed${detail}`, options);
}

/** Maps a network failure; the original error is not kept as `cause` (its text may hold a URL with secrets). */
export function errorForTransport(
  base: { connector: string; operation: string; redactor: Redactor; request: OutgoingRequest },
  error: TransportError,
): VendorUnavailableError {
  return new VendorUnavailableError(base.redactor.scrub(error.message), {
    connector: base.connector,
    operation: base.operation,
    request: recordRequest(base.redactor, base.request),
    reason: error.timeout ? 'timeout' : 'network',
    ...(error.code !== undefined ? { code: error.code } : {}),
  });
}
