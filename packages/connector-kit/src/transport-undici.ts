import { Agent, type Dispatcher, request as undiciRequest } from 'undici';
import {
  defaultMaxResponseBytes,
  readBodyText,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type TransportTimeouts,
  toTransportError,
} from './transport.js';

export interface UndiciTransportOptions {
  timeouts?: TransportTimeouts;
  /** Sockets per origin. Default 32. */
  connections?: number;
  maxResponseBytes?: number;
  /** Use this dispatcher (a `Pool`, a proxy agent, a `MockAgent` in tests). It is not closed by `close()`. */
  dispatcher?: Dispatcher;
}

/**
 * A transport on `undici.request`: the lowest overhead per call. msw does not see these requests, so tests of
 * code using it mock with undici's `MockAgent` (pass it as `dispatcher`).
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
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
  const dispatcher = options.dispatcher ?? ownAgent!;
  const maximumBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      let response: Dispatcher.ResponseData;
      try {
        response = await undiciRequest(request.url, {
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          dispatcher,
        });
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value === undefined) continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      try {
        const body = await readBodyText(response.body, maximumBytes, () => response.body.destroy());
        return { status: response.statusCode, headers, body };
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
    },
    async close() {
      await ownAgent?.close();
    },
  };
}
