import type { Agent, Dispatcher } from 'undici';
import {
  defaultMaxResponseBytes,
  type Transport,
  type TransportRequest,
  type TransportResponse,
  type TransportTimeouts,
} from './transport.js';
import { dispatchAndCollect } from './undici-body-collector.js';

export interface UndiciTransportOptions {
  timeouts?: TransportTimeouts;
  /** Sockets per origin. Default 32. */
  connections?: number;
  maxResponseBytes?: number;
  /** Use this dispatcher (a `Pool`, a proxy agent, a `MockAgent` in tests). It is not closed by `close()`. */
  dispatcher?: Dispatcher;
}

/**
 * A transport on undici's dispatcher (`dispatch`, collecting the body as it arrives): the lowest overhead per call.
 * msw does not see these requests, so tests of code using it mock with undici's `MockAgent` (pass it as
 * `dispatcher`). undici is imported on the first request, and only to create the transport's own Agent, so
 * connectors that never use this transport never load it.
 */
export function undiciTransport(options: UndiciTransportOptions = {}): Transport {
  const timeouts = options.timeouts ?? {};
  const maximumBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
  let ownAgent: Agent | undefined;
  let dispatcher: Dispatcher | undefined = options.dispatcher;
  let loading: Promise<Dispatcher> | undefined;
  const createAgent = () => {
    loading ??= import('undici').then((undici) => {
      ownAgent = new undici.Agent({
        connect: { timeout: timeouts.connectMs ?? 10_000 },
        headersTimeout: timeouts.headersMs ?? 30_000,
        bodyTimeout: timeouts.bodyMs ?? 30_000,
        keepAliveTimeout: timeouts.keepAliveMs ?? 30_000,
        connections: options.connections ?? 32,
        // The Agent refuses oversized bodies itself; the collector counts too, for dispatchers given to us.
        maxResponseSize: maximumBytes,
      });
      dispatcher = ownAgent;
      return ownAgent;
    });
    return loading;
  };
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      return dispatchAndCollect(dispatcher ?? (await createAgent()), request, maximumBytes);
    },
    async close() {
      if (loading !== undefined) await loading.catch(() => {});
      await ownAgent?.close();
    },
  };
}
