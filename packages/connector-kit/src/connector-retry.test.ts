import { describe, expect, it, vi } from 'vitest';
import { sampleUser } from '../test/support/acme.js';
import { useAcmeVendor } from '../test/support/harness.js';
import { RateLimitedError, VendorUnavailableError } from './errors.js';

const { vendor, connect } = useAcmeVendor({
  getUser: () => sampleUser,
  createIncident: { respond: { id: 'inc-1' }, status: 201 },
});

describe('429 and Retry-After', () => {
  it('waits Retry-After seconds, then succeeds; the wait counts as rate-limit wait', async () => {
    const { connector, time, reports } = connect();
    vendor.fail('getUser', { type: 'rate-limit', retryAfterSeconds: 7, times: 2 });
    await expect(connector.tools.getUser({ userId: '00u1' })).resolves.toMatchObject({ id: '00u1' });
    expect(time.sleeps).toEqual([7000, 7000]);
    expect(vendor.requests).toHaveLength(3);
    expect(reports[0]).toMatchObject({ attempts: 3, retries: 2, rateLimitWaitMs: 14_000, retryWaitMs: 0 });
  });

  it('honours an HTTP-date Retry-After and retry-after-ms', async () => {
    const { connector, time } = connect();
    vendor.fail('getUser', { type: 'rate-limit', retryAfterDate: new Date(time.clock.now() + 12_000), times: 1 });
    vendor.fail('getUser', { type: 'rate-limit', retryAfterMs: 1500, times: 1 });
    await connector.tools.getUser({ userId: '00u1' });
    // HTTP-dates have whole-second precision.
    expect(time.sleeps[0]).toBeGreaterThanOrEqual(11_000);
    expect(time.sleeps[0]).toBeLessThanOrEqual(12_000);
    expect(time.sleeps[1]).toBe(1500);
  });

  it('retries a 429 even for a non-idempotent POST: the vendor refused it before acting', async () => {
    const { connector } = connect();
    vendor.fail('createIncident', { type: 'rate-limit', retryAfterSeconds: 1, times: 1 });
    await expect(connector.tools.createIncident({ title: 't', severity: 1 })).resolves.toEqual({ id: 'inc-1' });
    expect(vendor.requestsFor('createIncident')).toHaveLength(2);
  });

  it('gives up with RateLimitedError (and retryAfterMs) when the wait would overrun the budget', async () => {
    const { connector, time } = connect({ retry: { budgetMs: 30_000 } });
    vendor.fail('getUser', { type: 'rate-limit', retryAfterSeconds: 120 });
    const error = await connector.tools.getUser({ userId: '00u1' }).catch((e) => e);
    expect(RateLimitedError.isInstance(error)).toBe(true);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.isRetryable).toBe(true);
    expect(error.fault).toBe('server');
    expect(time.sleeps).toEqual([]);
    expect(vendor.requests).toHaveLength(1);
  });

  it('treats an AWS throttling error answered as 400 as rate limiting: retried, even for a POST', async () => {
    const { connector, reports } = connect();
    vendor.fail('createIncident', {
      type: 'status',
      status: 400,
      body: { __type: 'com.amazonaws.guardduty#ThrottlingException', message: 'Rate exceeded' },
      times: 1,
    });
    vendor.fail('getUser', {
      type: 'status',
      status: 400,
      body: { message: 'Rate exceeded' },
      headers: { 'x-amzn-ErrorType': 'ThrottlingException:http://internal.amazon.com/coral/' },
      times: 1,
    });
    await expect(connector.tools.createIncident({ title: 't', severity: 1 })).resolves.toEqual({ id: 'inc-1' });
    await expect(connector.tools.getUser({ userId: '00u1' })).resolves.toMatchObject({ id: '00u1' });
    expect(vendor.requestsFor('createIncident')).toHaveLength(2);
    expect(vendor.requestsFor('getUser')).toHaveLength(2);
    // The wait counts as rate-limit wait, not as a backoff after a failure.
    expect(reports.map((report) => [report.retries, report.rateLimitWaitMs > 0, report.retryWaitMs])).toEqual([
      [1, true, 0],
      [1, true, 0],
    ]);
  });

  it('leaves other 400s alone: a validation error is not retried', async () => {
    const { connector } = connect();
    vendor.fail('createIncident', {
      type: 'status',
      status: 400,
      body: { __type: 'ValidationException', message: 'severity out of range' },
    });
    const error = await connector.tools.createIncident({ title: 't', severity: 1 }).catch((e) => e);
    expect(RateLimitedError.isInstance(error)).toBe(false);
    expect(error.status).toBe(400);
    expect(vendor.requestsFor('createIncident')).toHaveLength(1);
  });

  it('stops after maxAttempts during a 429 storm', async () => {
    const { connector } = connect({ retry: { maxAttempts: 3 } });
    vendor.fail('getUser', { type: 'rate-limit', retryAfterSeconds: 1 });
    await expect(connector.tools.getUser({ userId: '00u1' })).rejects.toSatisfy(RateLimitedError.isInstance);
    expect(vendor.requests).toHaveLength(3);
  });

  it('a 429 pauses the bucket, so a concurrent call waits instead of hitting the vendor', async () => {
    const { connector, time } = connect();
    vendor.fail('getUser', { type: 'rate-limit', retryAfterSeconds: 30, times: 1 });
    await connector.tools.getUser({ userId: 'first' });
    const status = (await connector.quota()).find((bucket) => bucket.id === 'users');
    // The pause ended when the first call slept through it.
    expect(status?.pausedUntil).toBeUndefined();
    expect(time.sleeps).toEqual([30_000]);
  });
});

describe('5xx and network failures', () => {
  it('never silently repeats a non-idempotent POST: a 502 fails once and the vendor saw one request', async () => {
    const { connector, reports } = connect();
    vendor.fail('createIncident', { type: 'status', status: 502 });
    const error = await connector.tools.createIncident({ title: 'Phish', severity: 3 }).catch((e) => e);
    expect(VendorUnavailableError.isInstance(error)).toBe(true);
    expect(error.status).toBe(502);
    expect(error.reason).toBe('status');
    expect(vendor.requestsFor('createIncident')).toHaveLength(1);
    expect(reports[0]).toMatchObject({ attempts: 1, outcome: 'error' });
  });

  it('does not repeat a non-idempotent POST after a dropped connection either', async () => {
    const { connector } = connect();
    vendor.fail('createIncident', { type: 'network-error' });
    const error = await connector.tools.createIncident({ title: 'Phish', severity: 3 }).catch((e) => e);
    expect(VendorUnavailableError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('network');
    expect(vendor.requestsFor('createIncident')).toHaveLength(1);
  });

  it('retries a non-idempotent POST that carries an idempotency key, sending it in the vendor header', async () => {
    const { connector } = connect();
    vendor.fail('createIncident', { type: 'status', status: 503, times: 2 });
    const created = await connector.tools.createIncident(
      { title: 'Phish', severity: 3 },
      { idempotencyKey: 'idem-42' },
    );
    expect(created).toEqual({ id: 'inc-1' });
    const requests = vendor.requestsFor('createIncident');
    expect(requests).toHaveLength(3);
    expect(requests.map((request) => request.headers.get('idempotency-key'))).toEqual([
      'idem-42',
      'idem-42',
      'idem-42',
    ]);
  });

  it('retries idempotent operations on 5xx and network errors with full jitter', async () => {
    const randoms = [0.1, 0.9, 0.5];
    const { connector, time, reports } = connect({
      random: () => randoms.shift() ?? 0,
      retry: { baseDelayMs: 100, maxDelayMs: 250 },
    });
    vendor.fail('getUser', { type: 'status', status: 500, times: 1 });
    vendor.fail('getUser', { type: 'network-error', times: 1 });
    vendor.fail('getUser', { type: 'status', status: 504, times: 1 });
    await expect(connector.tools.getUser({ userId: '00u1' })).resolves.toMatchObject({ id: '00u1' });
    // random × min(maxDelay, base × 2^retry): 0.1 × 100, 0.9 × 200, 0.5 × min(250, 400)
    expect(time.sleeps).toEqual([10, 180, 125]);
    expect(reports[0]).toMatchObject({ attempts: 4, retries: 3, retryWaitMs: 315 });
  });

  it('honours Retry-After on a 503', async () => {
    const { connector, time } = connect();
    vendor.fail('getUser', { type: 'status', status: 503, headers: { 'retry-after': '4' }, times: 1 });
    await connector.tools.getUser({ userId: '00u1' });
    expect(time.sleeps).toEqual([4000]);
  });

  it('surfaces the last error after maxAttempts', async () => {
    const { connector } = connect({ retry: { maxAttempts: 2 } });
    vendor.fail('getUser', { type: 'status', status: 500 });
    const error = await connector.tools.getUser({ userId: '00u1' }).catch((e) => e);
    expect(VendorUnavailableError.isInstance(error)).toBe(true);
    expect(vendor.requests).toHaveLength(2);
  });

  it('times out a hanging vendor and reports it as VendorUnavailableError (timeout)', async () => {
    const { connector } = connect({ timeouts: { requestMs: 250 }, retry: { maxAttempts: 2 } });
    vendor.fail('getUser', { type: 'hang', times: 1 });
    await expect(connector.tools.getUser({ userId: '00u1' })).resolves.toMatchObject({ id: '00u1' });
    vendor.fail('createIncident', { type: 'hang', times: 1 });
    const error = await connector.tools.createIncident({ title: 't', severity: 1 }).catch((e) => e);
    expect(VendorUnavailableError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('timeout');
    expect(vendor.requestsFor('createIncident')).toHaveLength(1);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const { connector } = connect();
    const controller = new AbortController();
    vendor.fail('getUser', { type: 'hang' });
    const pending = connector.tools.getUser({ userId: '00u1' }, { signal: controller.signal });
    // Abort once the vendor holds the request, however slow the machine is to get there.
    await vi.waitFor(() => expect(vendor.requests).toHaveLength(1));
    controller.abort(new Error('case closed'));
    await expect(pending).rejects.toThrow();
    expect(vendor.requests).toHaveLength(1);
  });
});
