import type { Dispatcher } from 'undici';
import { type AbortableTransportRequest, type AttemptAbort, attemptAbortKey } from './attempt-abort.js';
import { decodeBodyText } from './body-text.js';
import {
  responseTooLarge,
  TransportError,
  type TransportRequest,
  type TransportResponse,
  toTransportError,
} from './transport.js';

/**
 * One request through undici's `dispatcher.dispatch`, its body collected into text as it arrives.
 *
 * The runtime always reads the whole body, as text, at once. `undici.request` would first wrap it in a Readable
 * stream and then consume that stream (`body.text()`): on the overhead bench that machinery was ~40% of undici's
 * CPU per call, work thrown away here. `dispatch` with a handler is undici's documented low-level API (the one
 * `request` and `fetch` are built on); everything else is undici's own: connection pooling, the HTTP parser, the
 * Agent's timeouts and `maxResponseSize`.
 */
export function dispatchAndCollect(
  dispatcher: Dispatcher,
  request: TransportRequest,
  maximumBytes: number,
): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const handler = new BodyCollector(request, maximumBytes, resolve, reject);
    const url = new URL(request.url);
    const options: Dispatcher.DispatchOptions = {
      origin: url.origin,
      path: url.search === '' ? url.pathname : url.pathname + url.search,
      method: request.method as Dispatcher.HttpMethod,
      headers: request.headers,
    };
    if (request.body !== undefined) options.body = request.body;
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      handler.onResponseError(undefined, error as Error);
    }
  });
}

type AbortSource = { kind: 'attempt'; abort: AttemptAbort } | { kind: 'signal'; signal: AbortSignal };

class BodyCollector implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  /** An abort that came before undici handed over its controller; applied as soon as it does. */
  private pendingAbort: Error | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private settled = false;
  private readonly abortSource: AbortSource;

  constructor(
    request: TransportRequest,
    private readonly maximumBytes: number,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    // The runtime's own requests carry an `AttemptAbort` (no AbortSignal is made for them); others a signal.
    const abort = (request as AbortableTransportRequest)[attemptAbortKey];
    this.abortSource = abort !== undefined ? { kind: 'attempt', abort } : { kind: 'signal', signal: request.signal };
    if (this.abortSource.kind === 'attempt') {
      if (abort!.aborted) this.onAbort();
      else abort!.once('abort', this.onAbort);
    } else if (request.signal.aborted) this.onAbort();
    else request.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  private readonly onAbort = (): void => {
    const source = this.abortSource;
    const reason = source.kind === 'attempt' ? source.abort.reason : source.signal.reason;
    const error = reason instanceof Error ? reason : new TransportError('request aborted', 'ABORTED', false, false);
    if (this.controller !== undefined) this.controller.abort(error);
    else this.pendingAbort = error;
  };

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.pendingAbort !== undefined) controller.abort(this.pendingAbort);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // 1xx answers are informational; the final answer follows.
    if (statusCode < 200) return;
    this.status = statusCode;
    this.headers = joinRepeatedHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    // The kit's own Agent refuses oversized bodies itself; other dispatchers (a caller's Pool, a MockAgent) are
    // counted here, so an endless or oversized answer is cut off.
    if (this.size > this.maximumBytes) {
      controller.abort(responseTooLarge(this.maximumBytes));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settle())
      this.resolve({ status: this.status, headers: this.headers, body: decodeBodyText(this.chunks, this.size) });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settle()) this.reject(toTransportError(error) ?? error);
  }

  /** True the first time: the request is over, its abort listener removed. */
  private settle(): boolean {
    if (this.settled) return false;
    this.settled = true;
    const source = this.abortSource;
    if (source.kind === 'attempt') source.abort.removeListener('abort', this.onAbort);
    else source.signal.removeEventListener('abort', this.onAbort);
    return true;
  }
}

/**
 * undici's headers, as the transport contract wants them: undici already gives a fresh object per response with
 * lower-case names, so only repeated headers (arrays) are joined, in place, instead of copying every header.
 */
export function joinRepeatedHeaders(received: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const name in received) {
    const value = received[name];
    if (value === undefined) delete received[name];
    else if (typeof value !== 'string') received[name] = value.join(', ');
  }
  return received as Record<string, string>;
}
