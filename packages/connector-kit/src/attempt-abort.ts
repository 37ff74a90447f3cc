import type { TransportRequest } from './transport.js';

type AbortListener = () => void;

/**
 * The abort of one attempt (its deadline or the caller's cancellation), as cheaply as one request can carry it.
 *
 * An `AbortController` per attempt, plus the EventTarget listener undici adds and removes on its signal, cost more
 * than the rest of the kit's per-call work on a fast loopback call, and even an `EventEmitter` costs its listener
 * table and a `once` wrapper. This object keeps the emitter shape undici accepts as a `signal` (`on`, `once('abort')`,
 * `removeListener('abort')`, `aborted`, `reason`) and no more; the kit's undici transport reads it from the request
 * (`attemptAbortKey`) and aborts undici's dispatch with it. A standard `AbortSignal` is made only when some
 * transport reads `request.signal` (fetch, custom transports), and then follows this abort.
 */
export class AttemptAbort {
  aborted = false;
  /** Undefined for the deadline, as `AbortController.abort()` without a reason; the runtime reads `timedOut`. */
  reason: unknown = undefined;
  timedOut = false;
  private listeners: AbortListener[] | undefined;
  private controller: AbortController | undefined;

  /** An abort happens at most once, so `on` and `once` are the same. */
  on(event: string, listener: AbortListener): this {
    if (event !== 'abort') return this;
    if (this.listeners === undefined) this.listeners = [listener];
    else this.listeners.push(listener);
    return this;
  }

  once(event: string, listener: AbortListener): this {
    return this.on(event, listener);
  }

  removeListener(event: string, listener: AbortListener): this {
    const index = event === 'abort' && this.listeners !== undefined ? this.listeners.indexOf(listener) : -1;
    if (index >= 0) this.listeners!.splice(index, 1);
    return this;
  }

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    if (this.controller !== undefined) this.controller.abort(reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners !== undefined) for (const listener of listeners) listener();
  }

  timeOut(): void {
    if (this.aborted) return;
    this.timedOut = true;
    this.abort();
  }

  /** A standard AbortSignal that follows this abort, made on first use. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }
}

/** Where a request built by the runtime carries its `AttemptAbort`; a symbol, so it stays out of the public type. */
export const attemptAbortKey = Symbol('rampart.attemptAbort');

export interface AbortableTransportRequest extends TransportRequest {
  readonly [attemptAbortKey]?: AttemptAbort;
}

/**
 * The request a transport receives. `signal` is an own getter (not a prototype one), so a wrapping transport that
 * spreads the request (`{ ...request, headers }`) still passes a working signal on.
 */
export function abortableTransportRequest(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string | undefined,
  abort: AttemptAbort,
): AbortableTransportRequest {
  const request: { -readonly [K in keyof AbortableTransportRequest]: AbortableTransportRequest[K] } = {
    method,
    url,
    headers,
    [attemptAbortKey]: abort,
    get signal(): AbortSignal {
      return abort.signal;
    },
  };
  // Absent rather than undefined when there is none, as transports have always been given it.
  if (body !== undefined) request.body = body;
  return request;
}
