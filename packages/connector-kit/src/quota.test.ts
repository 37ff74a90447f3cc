import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { captureLogger, freshTenant, virtualTime } from '../test/support/acme.js';
import { type ConnectorOptions, createConnector } from './connector.js';
import { defineConnector } from './definition.js';
import type { Sleep } from './sleep.js';
import { createMockVendor } from './testing/mock-vendor.js';
import { type MockServer, startMockServer } from './testing/mock-server.js';

const operation = (name: string, path: string, quota?: string) =>
  ({
    name,
    description: `Reads ${name} from the vendor.`,
    method: 'GET',
    path,
    parameters: [],
    input: z.object({}),
    output: z.looseObject({ ok: z.boolean() }),
    risk: 'read',
    idempotent: true,
    ...(quota !== undefined ? { quota } : {}),
  }) as const;

const limited = defineConnector({
  id: 'limited',
  vendor: 'Limited',
  product: 'API',
  categories: ['other'],
  baseUrl: 'https://limited.example',
  auth: { type: 'bearer' },
  documentation: 'https://limited.example/docs',
  quotas: [
    {
      id: 'small',
      scope: 'org',
      limit: 3,
      windowMs: 3_600_000,
      source: 'https://limited.example/docs/limits#small',
      headers: { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
    },
    {
      id: 'serial',
      scope: 'credential',
      limit: 1000,
      windowMs: 60_000,
      concurrency: 1,
      source: 'https://limited.example/docs',
    },
    { id: 'per-endpoint', scope: 'endpoint', limit: 2, windowMs: 3_600_000, source: 'https://limited.example/docs' },
    {
      id: 'global',
      scope: 'org',
      limit: 100,
      windowMs: 3_600_000,
      appliesTo: 'all',
      source: 'https://limited.example/docs',
    },
  ],
  operations: {
    read: operation('read', '/read', 'small'),
    slow: operation('slow', '/slow', 'serial'),
    endpointA: operation('endpointA', '/a', 'per-endpoint'),
    endpointB: operation('endpointB', '/b', 'per-endpoint'),
    free: operation('free', '/free'),
  },
});

const vendor = createMockVendor(limited, {
  read: { respond: { ok: true } },
  endpointA: { respond: { ok: true } },
  endpointB: { respond: { ok: true } },
  free: { respond: { ok: true } },
});
let server: MockServer;
const open: { close(): Promise<void> }[] = [];
beforeAll(() => {
  server = startMockServer(vendor.handlers);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((connector) => connector.close()));
  vendor.reset();
  server.reset();
});
afterAll(() => server.close());

function connect(overrides: Partial<ConnectorOptions<typeof limited>> = {}) {
  const time = virtualTime();
  const connector = createConnector(limited, {
    credentials: { type: 'bearer', token: 'limited-token-1' },
    tenantId: freshTenant(),
    clock: time.clock,
    sleep: time.sleep,
    logger: captureLogger(),
    ...overrides,
  });
  open.push(connector);
  return { connector, time };
}

/** Lets pending promise chains (limiter scheduling, msw) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('quota buckets', () => {
  it('holds calls beyond the window limit; quota() reports remaining and queued; a cancelled call never goes out', async () => {
    const { connector } = connect();
    await connector.tools.read({});
    await connector.tools.read({});
    await connector.tools.read({});
    const controller = new AbortController();
    const fourth = connector.tools.read({}, { signal: controller.signal });
    const small = await vi.waitFor(async () => {
      const status = (await connector.quota()).find((bucket) => bucket.id === 'small');
      expect(status?.queued).toBe(1);
      return status;
    });
    await settle();
    expect(vendor.requestsFor('read')).toHaveLength(3);
    expect(small).toMatchObject({ remaining: 0, limit: 3, queued: 1, scope: 'org', clustered: false });
    expect(small?.source).toBe('https://limited.example/docs/limits#small');
    controller.abort(new Error('no longer needed'));
    await expect(fourth).rejects.toThrow('no longer needed');
    await settle();
    expect(vendor.requestsFor('read')).toHaveLength(3);
  });

  it('quota() lists unused buckets at their full limit, and counts the all-operations quota', async () => {
    const { connector } = connect();
    await connector.tools.free({});
    const statuses = await connector.quota();
    expect(statuses.find((bucket) => bucket.id === 'global')?.remaining).toBe(99);
    expect(statuses.find((bucket) => bucket.id === 'small')?.remaining).toBe(3);
  });

  it('keeps concurrency to the limit', async () => {
    let running = 0;
    let peak = 0;
    server.use(
      http.get('https://limited.example/slow', async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        return HttpResponse.json({ ok: true });
      }),
    );
    const { connector } = connect();
    await Promise.all(Array.from({ length: 6 }, () => connector.tools.slow({})));
    expect(peak).toBe(1);
  });

  it('gives each operation its own bucket for endpoint-scoped quotas', async () => {
    const { connector } = connect();
    await connector.tools.endpointA({});
    await connector.tools.endpointA({});
    await connector.tools.endpointB({});
    const statuses = await connector.quota();
    const endpoint = statuses.filter((bucket) => bucket.id === 'per-endpoint');
    expect(endpoint.map((bucket) => [bucket.operation, bucket.remaining])).toEqual([
      ['endpointA', 0],
      ['endpointB', 1],
    ]);
  });

  it('shares a bucket between connector instances for the same tenant and credential, not across tenants', async () => {
    const tenantId = freshTenant();
    const first = connect({ tenantId }).connector;
    const second = connect({ tenantId }).connector;
    const otherTenant = connect().connector;
    await first.tools.read({});
    await second.tools.read({});
    const remaining = async (connector: typeof first) =>
      (await connector.quota()).find((bucket) => bucket.id === 'small')?.remaining;
    expect(await remaining(first)).toBe(1);
    expect(await remaining(second)).toBe(1);
    expect(await remaining(otherTenant)).toBe(3);
  });
});

describe('adapting to the vendor', () => {
  it('pauses until the reset the vendor reports when its remaining budget reaches zero', async () => {
    const { connector, time } = connect();
    const startedAt = time.clock.now();
    const resetAt = Math.floor(startedAt / 1000) + 45;
    vendor.reset();
    server.use(
      http.get('https://limited.example/read', () =>
        HttpResponse.json(
          { ok: true },
          { headers: { 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) } },
        ),
      ),
    );
    const reports: { rateLimitWaitMs: number }[] = [];
    await connector.request('read', {}, { onCallEnd: (report) => reports.push(report) });
    const status = (await connector.quota()).find((bucket) => bucket.id === 'small');
    expect(status?.vendor).toMatchObject({ limit: 3, remaining: 0, resetAt: resetAt * 1000 });
    expect(status?.pausedUntil).toBe(resetAt * 1000);
    expect(status?.remaining).toBe(0);
    await connector.request('read', {}, { onCallEnd: (report) => reports.push(report) });
    expect(time.sleeps).toEqual([resetAt * 1000 - startedAt]);
    expect(reports[0]!.rateLimitWaitMs).toBe(0);
    expect(reports[1]!.rateLimitWaitMs).toBe(resetAt * 1000 - startedAt);
  });

  it('a 429 holds the other calls on the bucket until Retry-After, so the storm is not fed', async () => {
    // A sleep that only ends when the test says so: both calls are observed while they wait.
    const gates: { milliseconds: number; release: () => void }[] = [];
    const time = virtualTime();
    const sleep: Sleep = (milliseconds) =>
      new Promise<void>((resolve) => {
        gates.push({
          milliseconds,
          release: () => {
            resolve();
          },
        });
      });
    const { connector } = connect({ clock: time.clock, sleep });
    vendor.fail('read', { type: 'rate-limit', retryAfterSeconds: 30, times: 1 });
    const first = connector.tools.read({});
    await vi.waitFor(() => expect(gates.map((gate) => gate.milliseconds)).toEqual([30_000]));
    const second = connector.tools.read({});
    await vi.waitFor(() => expect(gates.map((gate) => gate.milliseconds)).toEqual([30_000, 30_000]));
    await settle();
    expect(vendor.requestsFor('read')).toHaveLength(1);
    time.clock.advance(30_000);
    for (const gate of gates) gate.release();
    await Promise.all([first, second]);
    expect(vendor.requestsFor('read')).toHaveLength(3);
  });
});
