import { Agent } from 'undici';
import {
  defaultMaxResponseBytes,
  readBodyText,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type TransportTimeouts,
  toTransportError,
} from './transport.js';

export interface FetchTransportOptions {
  timeouts?: TransportTimeouts;
  /** Sockets per origin. Default 32. */
  connections?: number;
  maxResponseBytes?: number;
  /** Use this dispatcher instead of creating an `Agent` (e.g. a proxy agent). It is not closed by `close()`. */
  dispatcher?: object;
}

/**
 * The default transport: the global `fetch` with an undici `Agent` as dispatcher, for keep-alive pooling and
 * connect/headers/body timeouts. Going through the global `fetch` keeps msw (tests, the sandbox) able to intercept.
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const timeouts = options.timeouts ?? {};
  const ownAgent =
    options.dispatcher === undefined
      ? new Agent({
          connect: { timeout: timeouts.connectMs ?? 10_000 },
          headersTimeout: timeouts.headersMs ?? 30_000,
          bodyTimeout: timeouts.bodyMs ?? 30_000,
          keepAliveTimeout: timeouts.keepAliveMs ?? 30_000,
          connections: options.connections ?? 32,
        })
      : undefined;
  const dispatcher = options.dispatcher ?? ownAgent;
  const maximumBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
          signal: request.signal,
          // The global fetch's types name Node's bundled undici; the npm undici Agent is wire-compatible.
          dispatcher,
        } as RequestInit);
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      try {
        const body = await readBodyText(
          response.body as AsyncIterable<Uint8Array> | null,
          maximumBytes,
          () => void response.body?.cancel().catch(() => {}),
        );
        return { status: response.status, headers, body };
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
    },
    async close() {
      await ownAgent?.close();
    },
  };
}
