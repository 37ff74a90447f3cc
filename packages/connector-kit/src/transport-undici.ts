import type { EventEmitter } from 'node:events';
import type { Agent, Dispatcher } from 'undici';
import { type AbortableTransportRequest, attemptAbortKey } from './attempt-abort.js';
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

type Undici = typeof import('undici');

/**
 * undici's headers, as the transport contract wants them: undici already gives a fresh object per response with
 * lower-case names, so only repeated headers (arrays) are joined, in place, instead of copying every header.
 */
function joinRepeatedHeaders(received: Dispatcher.ResponseData['headers']): Record<string, string> {
  for (const name in received) {
    const value = received[name];
    if (value === undefined) delete received[name];
    else if (typeof value !== 'string') received[name] = value.join(', ');
  }
  return received as Record<string, string>;
}

/**
 * The runtime's own requests carry their abort as an `AttemptAbort`, which undici listens to as it does to an
 * EventEmitter (`on`/`once`/`removeListener`, see attempt-abort.ts) for a fraction of an AbortSignal's cost; other
 * callers' requests bring an AbortSignal.
 */
function abortSignalFor(request: TransportRequest): AbortSignal | EventEmitter {
  const abort = (request as AbortableTransportRequest)[attemptAbortKey];
  return abort !== undefined ? (abort as unknown as EventEmitter) : request.signal;
}

function declaredLengthWithin(headers: Readonly<Record<string, string>>, maximumBytes: number): boolean {
  const length = Number(headers['content-length']);
  return Number.isInteger(length) && length <= maximumBytes;
}

/**
 * A transport on `undici.request`: the lowest overhead per call. msw does not see these requests, so tests of
 * code using it mock with undici's `MockAgent` (pass it as `dispatcher`). undici is imported on the first request,
 * so connectors that never use this transport never load it.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const timeouts = options.timeouts ?? {};
  const maximumBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  let ownAgent: Agent | undefined;
  let loaded: { request: Undici['request']; dispatcher: Dispatcher } | undefined;
  let loading: Promise<{ request: Undici['request']; dispatcher: Dispatcher }> | undefined;
  const load = () => {
    loading ??= import('undici').then((undici) => {
      if (options.dispatcher === undefined) {
        ownAgent = new undici.Agent({
          connect: { timeout: timeouts.connectMs ?? 10_000 },
          headersTimeout: timeouts.headersMs ?? 30_000,
          bodyTimeout: timeouts.bodyMs ?? 30_000,
          keepAliveTimeout: timeouts.keepAliveMs ?? 30_000,
          connections: options.connections ?? 32,
          // The Agent refuses oversized bodies itself, so they can be read in one go.
          maxResponseSize: maximumBytes,
        });
      }
      loaded = { request: undici.request, dispatcher: options.dispatcher ?? ownAgent! };
      return loaded;
    });
    return loading;
  };
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const { request: undiciRequest, dispatcher } = loaded ?? (await load());
      let response: Dispatcher.ResponseData;
      try {
        response = await undiciRequest(request.url, {
          method: request.method as Dispatcher.HttpMethod,
          headers: request.headers,
          body: request.body,
          signal: abortSignalFor(request),
          dispatcher,
        });
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
      const headers = joinRepeatedHeaders(response.headers);
      try {
        // Read in one go when the kit's own Agent caps the body, or a declared length is within the cap (undici
        // checks the body against it); otherwise streamed and counted, so an endless or oversized answer is cut off.
        const body =
          ownAgent !== undefined || declaredLengthWithin(headers, maximumBytes)
            ? await response.body.text()
            : await readBodyText(response.body, maximumBytes, () => response.body.destroy());
        return { status: response.statusCode, headers, body };
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
    },
    async close() {
      if (loading !== undefined) await loading.catch(() => {});
      await ownAgent?.close();
    },
  };
}
