import { EventEmitter } from 'node:events';
import type { TransportRequest } from './transport.js';

/**
 * The abort of one attempt (its deadline or the caller's cancellation), as cheaply as one request can carry it.
 *
 * An `AbortController` per attempt, plus the EventTarget listener undici adds and removes on its signal, cost more
 * than the rest of the kit's per-call work on a fast loopback call. undici's `request` accepts an EventEmitter as
 * `signal` (documented: `AbortSignal | EventEmitter`), so the kit's undici transport listens to this object
 * directly; a standard `AbortSignal` is made only when some transport reads `request.signal` (fetch, custom
 * transports), and then follows this abort.
 */
export class AttemptAbort extends EventEmitter {
  aborted = false;
  /** Undefined for the deadline, as `AbortController.abort()` without a reason; the runtime reads `timedOut`. */
  reason: unknown = undefined;
  timedOut = false;
  private controller: AbortController | undefined;

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    if (this.controller !== undefined) this.controller.abort(reason);
    this.emit('abort');
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
