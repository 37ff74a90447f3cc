import { decodeBodyText } from './body-text.js';

/**
 * The one seam between the runtime and the network. A transport sends exactly one request: it never follows
 * redirects (the runtime host-checks each hop itself), never retries and never adds credentials.
 */

export interface TransportRequest {
  readonly method: string;
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborted on the caller's cancellation and on the per-attempt timeout. */
  readonly signal: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  /** Lower-case header names; repeated headers joined with `, ` (as `Headers` does). */
  readonly headers: Readonly<Record<string, string>>;
  /** The whole body as text (JSON APIs); `''` when empty. */
  readonly body: string;
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. */
  close?(): Promise<void>;
}

export interface TransportTimeouts {
  /** TCP + TLS connect. Default 10 s. */
  connectMs?: number;
  /** From request sent to response headers received. Default 30 s. */
  headersMs?: number;
  /** Between body chunks. Default 30 s. */
  bodyMs?: number;
  /** Idle keep-alive socket lifetime. Default 30 s. */
  keepAliveMs?: number;
}

/** Responses larger than this are refused; a vendor (or an attacker in its place) cannot exhaust memory. */
export const defaultMaxResponseBytes = 32 * 1024 * 1024;

/** Network-level failure, before or while a response was received. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    /** `ECONNREFUSED`, `UND_ERR_HEADERS_TIMEOUT`, `RESPONSE_TOO_LARGE`, ... */
    readonly code: string | undefined,
    /**
     * True when the request certainly never reached the vendor (DNS failure, connection refused, connect
     * timeout), so even a non-idempotent call may be sent again.
     */
    readonly notSent: boolean,
    /** True for timeouts (connect, headers, body). */
    readonly timeout: boolean,
  ) {
    super(message);
  }
}

const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH']);
const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/** A body over the response cap, counted by the kit (`maximumBytes` known) or refused by an undici Agent. */
export function responseTooLarge(maximumBytes?: number): TransportError {
  const limit = maximumBytes === undefined ? 'the limit' : `${maximumBytes} bytes`;
  return new TransportError(`response body larger than ${limit}`, 'RESPONSE_TOO_LARGE', false, false);
}

/** Maps whatever a fetch or undici call threw to a `TransportError`, keeping no message that could hold a URL. */
export function toTransportError(error: unknown): TransportError | undefined {
  if (error instanceof TransportError) return error;
  if (!(error instanceof Error)) return new TransportError('network error', undefined, false, false);
  if (error.name === 'AbortError') return undefined;
  if (error.name === 'TimeoutError') return new TransportError('request timed out', 'TIMEOUT', false, true);
  let current: unknown = error;
  let code: string | undefined;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const candidate = (current as Error & { code?: unknown }).code;
    if (typeof candidate === 'string') {
      code = candidate;
      break;
    }
    current = (current as Error & { cause?: unknown }).cause;
  }
  // The cap the kit's own undici Agents enforce (`maxResponseSize`).
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return responseTooLarge();
  const timeout = code !== undefined && timeoutCodes.has(code);
  return new TransportError(
    code === undefined ? 'network error' : `network error (${code})`,
    code,
    code !== undefined && notSentCodes.has(code),
    timeout,
  );
}

/** Reads a body stream into text, refusing bodies larger than `maximumBytes`. */
export async function readBodyText(
  stream: AsyncIterable<Uint8Array> | null | undefined,
  maximumBytes: number,
  cancel: () => void,
): Promise<string> {
  if (stream === null || stream === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > maximumBytes) {
      cancel();
      throw responseTooLarge(maximumBytes);
    }
    chunks.push(chunk);
  }
  return decodeBodyText(chunks, size);
}
