import { describe, expect, it } from 'vitest';
import { AttemptAbort, abortableTransportRequest, attemptAbortKey } from './attempt-abort.js';

describe('AttemptAbort', () => {
  it('tells its listeners once, and a signal made later is already aborted with the reason', () => {
    const abort = new AttemptAbort();
    let heard = 0;
    abort.on('abort', () => heard++);
    const reason = new Error('case closed');
    abort.abort(reason);
    abort.abort(new Error('later'));
    expect(heard).toBe(1);
    expect(abort.signal.aborted).toBe(true);
    expect(abort.signal.reason).toBe(reason);
    expect(abort.timedOut).toBe(false);
  });

  it('stops telling a listener that was removed, as undici removes its own when a response ends', () => {
    const abort = new AttemptAbort();
    let heard = 0;
    const listener = () => heard++;
    abort.once('abort', listener);
    abort.removeListener('abort', listener);
    abort.abort(new Error('late'));
    expect(heard).toBe(0);
  });

  it('aborts a signal made earlier, and marks a deadline as a time-out', () => {
    const abort = new AttemptAbort();
    const signal = abort.signal;
    expect(signal.aborted).toBe(false);
    abort.timeOut();
    expect(signal.aborted).toBe(true);
    expect(abort.timedOut).toBe(true);
  });
});

describe('abortableTransportRequest', () => {
  it('keeps a working signal through a spread, as wrapping transports copy requests', () => {
    const abort = new AttemptAbort();
    const request = abortableTransportRequest(
      'GET',
      'https://api.example/x',
      { accept: 'application/json' },
      undefined,
      abort,
    );
    const wrapped = { ...request, headers: { ...request.headers, date: 'now' } };
    expect('body' in request).toBe(false);
    expect(wrapped[attemptAbortKey]).toBe(abort);
    abort.abort(new Error('stop'));
    expect(wrapped.signal.aborted).toBe(true);
  });

  it('carries a body when there is one', () => {
    const request = abortableTransportRequest('POST', 'https://api.example/x', {}, '{"a":1}', new AttemptAbort());
    expect(request.body).toBe('{"a":1}');
  });
});
