import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { virtualTime } from '../test/support/acme.js';
import { createConnector } from './connector.js';
import { defineConnector } from './definition.js';
import { VendorUnavailableError } from './errors.js';
import { silentLogger } from './logger.js';
import { type LoopbackServer, startLoopbackServer } from './testing/loopback-server.js';
import { type Transport, TransportError } from './transport.js';
import { fetchTransport } from './transport-fetch.js';
import { undiciTransport } from './transport-undici.js';

let loopback: LoopbackServer;
/** Requests to `/hang` the server has received (and will never answer). */
let hangingRequests = 0;
beforeAll(async () => {
  loopback = await startLoopbackServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/redirect') {
      response.writeHead(302, { location: 'http://elsewhere.example/' });
      response.end();
    } else if (url.pathname === '/big') {
      const big = JSON.stringify({ data: 'x'.repeat(10_000) });
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
      response.end(big);
    } else if (url.pathname === '/big-chunked') {
      // No declared length: the transport must count while it reads.
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let chunk = 0; chunk < 10; chunk++) response.write('x'.repeat(1000));
      response.end();
    } else if (url.pathname === '/bom') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
    } else if (url.pathname === '/hang') {
      // never answers
      hangingRequests++;
    } else {
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-echo-method': request.method ?? '',
        'x-repeated': ['first', 'second'],
      });
      response.end(JSON.stringify({ ok: true, body, header: request.headers['x-test'] ?? null }));
    }
  });
});
afterAll(() => loopback.close());

const controller = () => new AbortController().signal;

describe("fetchTransport on Node's global dispatcher (no transport timeouts given)", () => {
  const transport = fetchTransport({ maxResponseBytes: 5000 });
  afterAll(() => transport.close?.());

  it('sends and reads a body, and still refuses one over the size limit', async () => {
    const response = await transport.send({
      method: 'POST',
      url: `${loopback.url}/echo`,
      headers: { 'content-type': 'text/plain', 'x-test': 'yes' },
      body: 'hello',
      signal: controller(),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, header: 'yes' });
    for (const path of ['/big', '/big-chunked']) {
      const error = await transport
        .send({ method: 'GET', url: `${loopback.url}${path}`, headers: {}, signal: controller() })
        .catch((caught) => caught);
      expect(error.code).toBe('RESPONSE_TOO_LARGE');
    }
  });
});

describe.each([
  [
    'fetchTransport (global fetch + undici Agent)',
    () => fetchTransport({ timeouts: { headersMs: 200 }, maxResponseBytes: 5000 }),
  ],
  ['undiciTransport (undici.request)', () => undiciTransport({ timeouts: { headersMs: 200 }, maxResponseBytes: 5000 })],
] as const)('%s over real sockets', (_name, create) => {
  let transport: Transport;
  beforeAll(() => {
    transport = create();
  });
  afterAll(() => transport.close?.());

  it('sends method, headers and body; returns status, lower-case headers and text', async () => {
    const response = await transport.send({
      method: 'POST',
      url: `${loopback.url}/echo`,
      headers: { 'x-test': 'yes', 'content-type': 'application/json' },
      body: '{"a":1}',
      signal: controller(),
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-echo-method']).toBe('POST');
    expect(JSON.parse(response.body)).toEqual({ ok: true, body: '{"a":1}', header: 'yes' });
  });

  it('joins a repeated response header into one value, as Headers does', async () => {
    const response = await transport.send({
      method: 'GET',
      url: `${loopback.url}/echo`,
      headers: {},
      signal: controller(),
    });
    expect(response.headers['x-repeated']).toBe('first, second');
  });

  it('drops a UTF-8 byte order mark, so the body parses as JSON', async () => {
    const response = await transport.send({
      method: 'GET',
      url: `${loopback.url}/bom`,
      headers: {},
      signal: controller(),
    });
    expect(response.body).toBe('{"a":1}');
  });

  it('returns redirects instead of following them (the runtime host-checks each hop)', async () => {
    const response = await transport.send({
      method: 'GET',
      url: `${loopback.url}/redirect`,
      headers: {},
      signal: controller(),
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://elsewhere.example/');
  });

  it.each(['/big', '/big-chunked'])('refuses bodies over the size limit (%s)', async (path) => {
    const error = await transport
      .send({ method: 'GET', url: `${loopback.url}${path}`, headers: {}, signal: controller() })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('times out waiting for headers', async () => {
    const error = await transport
      .send({ method: 'GET', url: `${loopback.url}/hang`, headers: {}, signal: controller() })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.timeout).toBe(true);
    expect(error.notSent).toBe(false);
  });

  it('knows a refused connection never reached the vendor', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await transport
      .send({ method: 'POST', url: `http://127.0.0.1:${port}/`, headers: {}, body: 'x', signal: controller() })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.notSent).toBe(true);
  });
});

const api = defineConnector({
  id: 'api',
  vendor: 'Api',
  product: 'Api',
  categories: ['other'],
  baseUrl: 'https://api.mocked.example',
  auth: { type: 'bearer' },
  quotas: [],
  documentation: 'https://api.mocked.example/docs',
  operations: {
    getItem: {
      name: 'getItem',
      description: 'Reads an item by its id.',
      method: 'GET',
      path: '/items/{id}',
      parameters: [{ name: 'id', in: 'path' }],
      input: z.object({ id: z.string() }),
      output: z.looseObject({ id: z.string() }),
      risk: 'read',
      idempotent: true,
    },
    createItem: {
      name: 'createItem',
      description: 'Creates an item; not idempotent.',
      method: 'POST',
      path: '/items',
      parameters: [],
      body: { contentType: 'application/json' },
      input: z.object({ name: z.string() }),
      output: z.looseObject({ id: z.string() }),
      risk: 'write',
      idempotent: false,
    },
  },
});

describe('a connector on undiciTransport, mocked with undici MockAgent', () => {
  function setup() {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get('https://api.mocked.example');
    const time = virtualTime();
    const connector = createConnector(api, {
      credentials: { type: 'bearer', token: 'mock-agent-token' },
      transport: undiciTransport({ dispatcher: agent }),
      clock: time.clock,
      sleep: time.sleep,
      logger: silentLogger,
    });
    return { agent, pool, connector };
  }

  it('sends credentials and parses the validated body', async () => {
    const { agent, pool, connector } = setup();
    pool
      .intercept({ path: '/items/i1', method: 'GET', headers: { authorization: 'Bearer mock-agent-token' } })
      .reply(200, { id: 'i1', extra: true }, { headers: { 'content-type': 'application/json' } });
    await expect(connector.tools.getItem({ id: 'i1' })).resolves.toEqual({ id: 'i1', extra: true });
    agent.assertNoPendingInterceptors();
    await connector.close();
    await agent.close();
  });

  it('retries an idempotent GET after a 503, and sends a non-idempotent POST only once after a 502', async () => {
    const { agent, pool, connector } = setup();
    pool.intercept({ path: '/items/i2', method: 'GET' }).reply(503, { error: 'busy' });
    pool.intercept({ path: '/items/i2', method: 'GET' }).reply(200, { id: 'i2' });
    await expect(connector.tools.getItem({ id: 'i2' })).resolves.toEqual({ id: 'i2' });

    pool.intercept({ path: '/items', method: 'POST', body: '{"name":"n"}' }).reply(502, { error: 'bad gateway' });
    pool.intercept({ path: '/items', method: 'POST' }).reply(201, { id: 'never' });
    await expect(connector.tools.createItem({ name: 'n' })).rejects.toSatisfy(VendorUnavailableError.isInstance);
    // The second interceptor is still pending: the POST went out exactly once.
    expect(agent.pendingInterceptors()).toHaveLength(1);
    await connector.close();
    await agent.close();
  });
});

describe('undiciTransport on a dispatcher of the caller (no size cap of its own)', () => {
  it.each(['/big', '/big-chunked'])('counts the body and refuses it over maxResponseBytes (%s)', async (path) => {
    const dispatcher = new Agent();
    const transport = undiciTransport({ dispatcher, maxResponseBytes: 5000 });
    const error = await transport
      .send({ method: 'GET', url: `${loopback.url}${path}`, headers: {}, signal: controller() })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.code).toBe('RESPONSE_TOO_LARGE');
    await dispatcher.close();
  });
});

describe('undiciTransport: the per-attempt deadline and the caller abort reach undici', () => {
  // undici's own timeouts stay at their 30 s defaults, so only the kit's abort can end these requests in time.
  const hanging = defineConnector({
    ...api,
    id: 'hanging',
    baseUrl: `http://127.0.0.1`,
    operations: {
      hang: {
        name: 'hang',
        description: 'A request the server never answers.',
        method: 'GET',
        path: '/hang',
        parameters: [],
        input: z.object({}),
        output: z.looseObject({}),
        risk: 'read',
        idempotent: true,
      },
    },
  });
  const connect = (requestMs?: number) => {
    const transport = undiciTransport();
    const connector = createConnector(
      { ...hanging, baseUrl: loopback.url },
      {
        credentials: { type: 'bearer', token: 'loop-token' },
        transport,
        retry: { maxAttempts: 1 },
        logger: silentLogger,
        ...(requestMs !== undefined ? { timeouts: { requestMs } } : {}),
      },
    );
    return {
      connector,
      close: async () => {
        await connector.close();
        await transport.close?.();
      },
    };
  };

  it('ends an attempt at timeouts.requestMs as a timeout', async () => {
    const { connector, close } = connect(200);
    const error = await connector.tools.hang({}).catch((caught) => caught);
    expect(VendorUnavailableError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('timeout');
    await close();
  });

  it("ends an attempt when the caller aborts, with the caller's reason", async () => {
    const { connector, close } = connect();
    const controller = new AbortController();
    const before = hangingRequests;
    const pending = connector.tools.hang({}, { signal: controller.signal });
    await vi.waitFor(() => expect(hangingRequests).toBe(before + 1));
    controller.abort(new Error('case closed'));
    await expect(pending).rejects.toThrow('case closed');
    await close();
  });
});

describe('the default transport against a real server', () => {
  it('works end to end over loopback http, pooled', async () => {
    const local = defineConnector({
      ...api,
      id: 'local',
      baseUrl: `${loopback.url}`,
      operations: {
        echo: {
          name: 'echo',
          description: 'Echoes the request body back.',
          method: 'POST',
          path: '/echo',
          parameters: [],
          body: { contentType: 'application/json' },
          input: z.object({ value: z.number() }),
          output: z.looseObject({ ok: z.boolean(), body: z.string() }),
          risk: 'read',
          idempotent: true,
        },
      },
    });
    const connector = createConnector(local, {
      credentials: { type: 'bearer', token: 'loop-token' },
      logger: silentLogger,
    });
    const results = await Promise.all(Array.from({ length: 20 }, (_, value) => connector.tools.echo({ value })));
    expect(results.map((result) => JSON.parse(result.body).value)).toEqual(
      Array.from({ length: 20 }, (_, value) => value),
    );
    await connector.close();
  });
});
