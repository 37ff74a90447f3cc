import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acme, acmeBase, sampleUser } from '../../test/support/acme.js';
import { createMockVendor } from './mock-vendor.js';
import { type MockServer, startMockServer } from './mock-server.js';

const vendor = createMockVendor(
  acme,
  {
    getUser: ({ params }) => ({ ...sampleUser, id: params.userId }),
    listAlerts: { items: [{ id: 'a', severity: 1 }], pageSize: 5 },
  },
  { baseUrlVariables: { domain: 'tenant.acme.example' } },
);
let server: MockServer;
beforeAll(() => {
  server = startMockServer(vendor.handlers);
});
afterEach(() => vendor.reset());
afterAll(() => server.close());

const get = (path: string) => fetch(`${acmeBase}${path}`);

describe('createMockVendor', () => {
  it('answers each operation from the definition and records requests', async () => {
    const response = await get('/api/v1/users/00u7');
    expect(await response.json()).toMatchObject({ id: '00u7' });
    expect(vendor.requestsFor('getUser')[0]).toMatchObject({
      operation: 'getUser',
      method: 'GET',
      params: { userId: '00u7' },
    });
    expect(vendor.baseUrl).toBe(acmeBase);
  });

  it('defaults to 204 for void outputs and {} otherwise', async () => {
    const suspended = await fetch(`${acmeBase}/api/v1/users/x/lifecycle/suspend`, { method: 'POST' });
    expect(suspended.status).toBe(204);
    const created = await fetch(`${acmeBase}/api/v1/incidents`, { method: 'POST', body: '{}' });
    expect(await created.json()).toEqual({});
  });

  it('serves paginated items in the operation style', async () => {
    expect(await (await get('/api/v2/alerts')).json()).toEqual({
      data: [{ id: 'a', severity: 1 }],
      meta: { next: null },
    });
  });

  it('injects faults for a number of requests, per operation or everywhere', async () => {
    vendor.fail('getUser', { type: 'rate-limit', retryAfterSeconds: 3, times: 2 });
    vendor.fail('*', { type: 'status', status: 503, times: 1 });
    const statuses = [];
    for (let index = 0; index < 4; index++) {
      const response = await get('/api/v1/users/u');
      statuses.push([response.status, response.headers.get('retry-after')]);
    }
    expect(statuses).toEqual([
      [429, '3'],
      [429, '3'],
      [503, null],
      [200, null],
    ]);
  });

  it('drops connections, hangs until the client gives up, sends malformed or mistyped bodies', async () => {
    vendor.fail('getUser', { type: 'network-error', times: 1 });
    await expect(get('/api/v1/users/u')).rejects.toThrow();
    vendor.fail('getUser', { type: 'hang', times: 1 });
    await expect(fetch(`${acmeBase}/api/v1/users/u`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    vendor.fail('getUser', { type: 'malformed-body', times: 1 });
    await expect((await get('/api/v1/users/u')).json()).rejects.toThrow();
    vendor.fail('getUser', { type: 'wrong-types', body: { id: 1 }, times: 1 });
    expect(await (await get('/api/v1/users/u')).json()).toEqual({ id: 1 });
    vendor.fail('getUser', { type: 'rate-limit', retryAfterMs: 20, times: 1 });
    expect((await get('/api/v1/users/u')).headers.get('retry-after-ms')).toBe('20');
  });

  it('clearFaults removes faults that never ran out', async () => {
    vendor.fail('getUser', { type: 'status', status: 500 });
    expect((await get('/api/v1/users/u')).status).toBe(500);
    vendor.clearFaults();
    expect((await get('/api/v1/users/u')).status).toBe(200);
  });
});

describe('the package exports', () => {
  it('exposes the testing helpers from @rampart/connector-kit/testing and the runtime from the root', async () => {
    const testing = await import('@rampart/connector-kit/testing');
    const root = await import('@rampart/connector-kit');
    expect(typeof testing.createMockVendor).toBe('function');
    expect(typeof testing.startMockServer).toBe('function');
    expect(typeof testing.startLoopbackServer).toBe('function');
    expect(typeof root.createConnector).toBe('function');
    expect('createMockVendor' in root).toBe(false);
  });
});
