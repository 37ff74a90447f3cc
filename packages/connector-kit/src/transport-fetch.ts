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
  /**
   * Connect, headers, body and keep-alive timeouts. When any is set (or `connections`), an undici `Agent` carries
   * them (undici is then imported); otherwise Node's own global dispatcher serves, and the runtime's per-attempt
   * deadline (`timeouts.requestMs` of the connector) bounds every request.
   */
  timeouts?: TransportTimeouts;
  /** Sockets per origin (needs an undici `Agent`, see `timeouts`). Default: unlimited, as Node's fetch. */
  connections?: number;
  maxResponseBytes?: number;
  /** Use this dispatcher instead (e.g. a proxy agent). It is not closed by `close()`. */
  dispatcher?: object;
}

/**
 * The default transport: the global `fetch`, which msw (tests, the sandbox) can intercept. By default it uses
 * Node's global dispatcher (keep-alive pooling included), so a connector that sends through it never loads the npm
 * undici package; transport timeouts or a socket cap make it create an undici `Agent` on first use.
 */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const timeouts = options.timeouts ?? {};
  const needsAgent =
    options.dispatcher === undefined &&
    (options.connections !== undefined ||
      timeouts.connectMs !== undefined ||
      timeouts.headersMs !== undefined ||
      timeouts.bodyMs !== undefined ||
      timeouts.keepAliveMs !== undefined);
  const maximumBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  let ownAgent: { close(): Promise<void> } | undefined;
  let dispatcher: object | undefined = options.dispatcher;
  let loading: Promise<object> | undefined;
  const loadAgent = () => {
    loading ??= import('undici').then((undici) => {
      const agent = new undici.Agent({
        connect: { timeout: timeouts.connectMs ?? 10_000 },
        headersTimeout: timeouts.headersMs ?? 30_000,
        bodyTimeout: timeouts.bodyMs ?? 30_000,
        keepAliveTimeout: timeouts.keepAliveMs ?? 30_000,
        connections: options.connections ?? 32,
      });
      ownAgent = agent;
      dispatcher = agent;
      return agent;
    });
    return loading;
  };
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      if (needsAgent && dispatcher === undefined) await loadAgent();
      let response: Response;
      try {
        const init: { [option: string]: unknown } = {
          method: request.method,
          headers: request.headers,
          redirect: 'manual',
          signal: request.signal,
        };
        if (request.body !== undefined) init.body = request.body;
        if (dispatcher !== undefined) init.dispatcher = dispatcher;
        // The global fetch's types name Node's bundled undici; the npm undici Agent is wire-compatible.
        response = await fetch(request.url, init as RequestInit);
      } catch (error) {
        throw toTransportError(error) ?? error;
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      try {
        const length = Number(headers['content-length']);
        // A declared length within the cap is read in one go (fetch checks the body against it); otherwise the
        // body is streamed and counted, so an endless or oversized answer is cut off. A compressed body is always
        // counted: fetch inflates it, and its length says nothing about the inflated size.
        const body =
          Number.isInteger(length) && length <= maximumBytes && headers['content-encoding'] === undefined
            ? await response.text()
            : await readBodyText(
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
      if (loading !== undefined) await loading.catch(() => {});
      await ownAgent?.close();
    },
  };
}
