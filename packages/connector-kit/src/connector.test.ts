import { isTool, type ToolSet, ValidationError } from '@rampart/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { acme, acmeBase, SECRET_TOKEN, sampleUser } from '../test/support/acme.js';
import { useAcmeVendor } from '../test/support/harness.js';
import { createConnector } from './connector.js';
import { defineConnector } from './definition.js';
import {
  AuthenticationError,
  ConnectorConfigurationError,
  ConnectorHttpError,
  InvalidResponseError,
  PermissionError,
  VendorNotFoundError,
} from './errors.js';

const { vendor, connect, server } = useAcmeVendor({
  getUser: ({ params }) => ({ ...sampleUser, id: params.userId }),
  createIncident: { respond: { id: 'inc-1' }, status: 201 },
});

describe('createConnector tools', () => {
  it('exposes each operation as a core tool, typed from its schemas', async () => {
    const { connector } = connect();
    const user = await connector.tools.getUser({ userId: '00u9' });
    expect(user).toEqual({ ...sampleUser, id: '00u9' });
    expectTypeOf(user.profile.login).toEqualTypeOf<string>();
    expect(isTool(connector.tools.getUser)).toBe(true);
    expect(connector.tools.getUser.risk).toBe('read');
    expect(connector.tools.suspendUser.capabilities).toEqual(['user.suspend']);
    expect(connector.tools.getUser.capabilities).toEqual([]);
    expect(connector.tools.suspendUser.annotations).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    const asToolSet: ToolSet = connector.tools;
    expect(Object.keys(asToolSet)).toContain('createIncident');
  });

  it('sends credentials, path parameters encoded, and the vendor sees exactly one request', async () => {
    const { connector } = connect();
    await connector.tools.getUser({ userId: 'a/b?c' });
    const [request] = vendor.requestsFor('getUser');
    expect(vendor.requests).toHaveLength(1);
    expect(request!.url.pathname).toBe('/api/v1/users/a%2Fb%3Fc');
    expect(request!.headers.get('authorization')).toBe(`SSWS ${SECRET_TOKEN}`);
    expect(request!.headers.get('accept')).toBe('application/json');
  });

  it('sends the JSON body from the fields that are not parameters, and header parameters by wire name', async () => {
    const { connector } = connect();
    const created = await connector.tools.createIncident({ title: 'Phish', severity: 3, requestId: 'r-1' });
    expect(created).toEqual({ id: 'inc-1' });
    const [request] = vendor.requestsFor('createIncident');
    expect(request!.body).toEqual({ title: 'Phish', severity: 3 });
    expect(request!.headers.get('x-request-id')).toBe('r-1');
    expect(request!.headers.get('content-type')).toBe('application/json');
  });

  it('serialises query parameters by wire name, arrays exploded', async () => {
    const { connector } = connect();
    server().use(http.get(`${acmeBase}/api/v1/users`, () => HttpResponse.json([sampleUser])));
    let seen: URL | undefined;
    server().use(
      http.get(`${acmeBase}/api/v1/users`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json([sampleUser]);
      }),
    );
    await connector.request('searchUsers', { query: 'profile.login sw "a"', statuses: ['ACTIVE', 'SUSPENDED'] });
    expect(seen!.searchParams.get('q')).toBe('profile.login sw "a"');
    expect(seen!.searchParams.getAll('status')).toEqual(['ACTIVE', 'SUSPENDED']);
  });

  it('treats a 204 as an empty body for operations whose output is void', async () => {
    const { connector } = connect();
    await expect(connector.tools.suspendUser({ userId: '00u1' })).resolves.toBeUndefined();
  });

  it('keeps deprecated aliases working, with one warning', async () => {
    const { connector, logger } = connect();
    await connector.tools.fetchUser({ userId: '00u1' });
    await connector.tools.fetchUser({ userId: '00u2' });
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('fetchUser is deprecated; use acme.getUser');
    expect(connector.tools.fetchUser.description).toMatch(/^Deprecated: use getUser/);
  });

  it('request() returns data, status, redacted headers and the call report', async () => {
    const { connector } = connect();
    server().use(
      http.get(`${acmeBase}/api/v1/users/:id`, () =>
        HttpResponse.json(sampleUser, { headers: { 'set-cookie': 'sid=abc', 'x-trace': 't1' } }),
      ),
    );
    const response = await connector.request('getUser', { userId: '00u1' }, { caseId: 'case_1' });
    expect(response.status).toBe(200);
    expect(response.data.id).toBe('00u1');
    expect(response.headers['set-cookie']).toBe('[REDACTED]');
    expect(response.headers['x-trace']).toBe('t1');
    expect(response.report).toMatchObject({ operation: 'getUser', caseId: 'case_1', attempts: 1, outcome: 'success' });
  });
});

describe('validation at the trust boundaries', () => {
  it('rejects bad input with a core ValidationError naming the path, before any request', async () => {
    const { connector } = connect();
    const error = await connector.tools.createIncident({ title: 'x', severity: 'high' as never }).catch((e) => e);
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error.issues.map((issue: { path: string }) => issue.path)).toEqual(['severity']);
    expect(vendor.requests).toHaveLength(0);
    await expect(connector.request('getUser', {} as never)).rejects.toSatisfy(ValidationError.isInstance);
  });

  it('refuses dot-segment path values that would climb the URL path', async () => {
    const { connector } = connect();
    await expect(connector.tools.getUser({ userId: '..' })).rejects.toSatisfy(ValidationError.isInstance);
    await expect(connector.tools.getUser({ userId: '%2e%2E' })).rejects.toSatisfy(ValidationError.isInstance);
    expect(vendor.requests).toHaveLength(0);
  });

  it('tolerates unknown vendor fields and catches wrong types of declared ones, with paths', async () => {
    const { connector } = connect();
    vendor.fail('getUser', {
      type: 'wrong-types',
      body: { id: 42, status: 'ACTIVE', profile: { login: ['x'] }, brandNew: true },
      times: 1,
    });
    const error = await connector.tools.getUser({ userId: '00u1' }).catch((e) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['id', 'profile.login']);
    expect(error.fault).toBe('server');
    expect(error.response.status).toBe(200);
    expect(error.message).toContain('profile.login');
  });

  it('reports a body that is not JSON as an InvalidResponseError and does not retry it', async () => {
    const { connector } = connect();
    vendor.fail('getUser', { type: 'malformed-body', times: 1 });
    const error = await connector.tools.getUser({ userId: '00u1' }).catch((e) => e);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect(error.issues[0].code).toBe('invalid_json');
    expect(vendor.requests).toHaveLength(1);
  });
});

describe('error taxonomy', () => {
  it.each([
    [401, AuthenticationError, 'client', false],
    [403, PermissionError, 'client', false],
    [404, VendorNotFoundError, 'client', false],
    [400, ConnectorHttpError, 'client', false],
    [409, ConnectorHttpError, 'client', false],
  ] as const)('maps %i to %s', async (status, type, fault, retryable) => {
    const { connector } = connect();
    vendor.fail('getUser', { type: 'status', status, body: { errorSummary: 'nope' } });
    const error = await connector.tools.getUser({ userId: '00u1' }).catch((e) => e);
    expect(type.isInstance(error)).toBe(true);
    expect(ConnectorHttpError.isInstance(error)).toBe(true);
    expect(error.name).toBe(type === ConnectorHttpError ? 'ConnectorHttpError' : type.name);
    expect(error.status).toBe(status);
    expect(error.fault).toBe(fault);
    expect(error.isRetryable).toBe(retryable);
    expect(error.request).toMatchObject({ method: 'GET', url: `${acmeBase}/api/v1/users/00u1` });
    expect(error.request.headers.authorization).toBe('[REDACTED]');
    expect(error.response.bodyExcerpt).toContain('nope');
    expect(error.message).toContain('nope');
    expect(vendor.requests).toHaveLength(1);
  });

  it('isInstance recognises errors across copies of the package (by marker, not prototype)', async () => {
    const { connector } = connect();
    vendor.fail('getUser', { type: 'status', status: 404 });
    const error = await connector.tools.getUser({ userId: 'x' }).catch((e) => e);
    const foreign = Object.assign(Object.create(Error.prototype), error);
    for (const symbol of Object.getOwnPropertySymbols(error)) foreign[symbol] = error[symbol];
    Object.defineProperty(foreign, 'name', { value: 'VendorNotFoundError' });
    expect(foreign instanceof VendorNotFoundError).toBe(false);
    expect(VendorNotFoundError.isInstance(foreign)).toBe(true);
    expect(PermissionError.isInstance(foreign)).toBe(false);
  });
});

describe('configuration', () => {
  it('refuses a call for another tenant than the credentials belong to', async () => {
    const { connector } = connect({ tenantId: 'tenant-a' });
    await expect(connector.tools.getUser({ userId: '00u1' }, { tenantId: 'tenant-b' })).rejects.toSatisfy(
      ConnectorConfigurationError.isInstance,
    );
    expect(vendor.requests).toHaveLength(0);
  });

  it('requires base URL variables and checks their pattern', () => {
    expect(() =>
      createConnector(acme, { credentials: { type: 'ssws', token: SECRET_TOKEN }, baseUrlVariables: {} }),
    ).toThrow(/needs the variable "domain"/);
    expect(() =>
      createConnector(acme, {
        credentials: { type: 'ssws', token: SECRET_TOKEN },
        baseUrlVariables: { domain: 'evil.example' },
      }),
    ).toThrow(/must match/);
    expect(() =>
      createConnector(acme, {
        credentials: { type: 'ssws', token: SECRET_TOKEN },
        baseUrlVariables: { domain: 'evil.example/x.acme.example' },
      }),
    ).toThrow(ConnectorConfigurationError);
  });

  it('refuses credentials of a type the definition does not accept', () => {
    expect(() =>
      createConnector(acme, {
        credentials: { type: 'bearer', token: SECRET_TOKEN } as never,
        baseUrlVariables: { domain: 'x.acme.example' },
      }),
    ).toThrow(/accepts credentials of type "ssws", got "bearer"/);
  });

  it('lists every problem of an inconsistent definition', () => {
    const broken = defineConnector({
      id: 'broken',
      vendor: 'B',
      product: 'B',
      categories: [],
      baseUrl: 'https://{host}',
      auth: { type: 'bearer' },
      quotas: [],
      documentation: 'https://b.example',
      operations: {
        a: {
          name: 'b',
          description: 'Does something useful.',
          method: 'GET',
          path: '/x/{id}',
          parameters: [],
          input: z.object({}),
          output: z.unknown(),
          risk: 'read',
          idempotent: true,
          quota: 'missing',
        },
      },
    });
    expect(() => createConnector(broken, { credentials: { type: 'bearer', token: 'tok-123456' } })).toThrow(
      /baseUrl uses \{host\}[\s\S]*key must equal the name[\s\S]*names quota "missing"[\s\S]*uses \{id\}/,
    );
  });

  it('rejects calls after close()', async () => {
    const { connector } = connect();
    await connector.close();
    await expect(connector.tools.getUser({ userId: '00u1' })).rejects.toSatisfy(ConnectorConfigurationError.isInstance);
  });
});

describe('call reports', () => {
  it('reports duration, waits, attempts and outcome for every call, success or failure', async () => {
    const { connector, reports } = connect();
    const perCall: unknown[] = [];
    await connector.request('getUser', { userId: '00u1' }, { caseId: 'case_7', onCallEnd: (r) => perCall.push(r) });
    vendor.fail('getUser', { type: 'status', status: 404, times: 1 });
    await connector.tools.getUser({ userId: 'gone' }).catch(() => {});
    expect(reports).toHaveLength(2);
    expect(perCall).toEqual([reports[0]]);
    expect(reports[0]).toMatchObject({
      connector: 'acme',
      operation: 'getUser',
      caseId: 'case_7',
      attempts: 1,
      retries: 0,
      rateLimitWaitMs: 0,
      retryWaitMs: 0,
      status: 200,
      outcome: 'success',
    });
    expect(reports[1]).toMatchObject({
      outcome: 'error',
      status: 404,
      error: { name: 'VendorNotFoundError', status: 404 },
    });
    expect(JSON.stringify(reports)).not.toContain(SECRET_TOKEN);
  });
});
