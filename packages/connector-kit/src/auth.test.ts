import { ManualClock } from '@rampart/core';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogger, freshTenant } from '../test/support/acme.js';
import { AwsSigV4Authenticator } from './auth-aws-sigv4.js';
import { createConnector } from './connector.js';
import { type AuthDefinition, defineConnector } from './definition.js';
import { AuthenticationError, HostNotAllowedError } from './errors.js';
import { Redactor } from './redaction.js';
import { createMockVendor, mockOAuth2TokenEndpoint } from './testing/mock-vendor.js';
import { type MockServer, startMockServer } from './testing/mock-server.js';

function vendorWith<const A extends AuthDefinition | readonly AuthDefinition[]>(
  auth: A,
  baseUrl = 'https://api.vendor.example',
) {
  return defineConnector({
    id: 'vendor',
    vendor: 'Vendor',
    product: 'API',
    categories: ['other'],
    baseUrl,
    auth,
    quotas: [],
    documentation: 'https://vendor.example/docs',
    operations: {
      whoAmI: {
        name: 'whoAmI',
        description: 'Returns the identity the credentials belong to.',
        method: 'GET',
        path: '/me',
        parameters: [{ name: 'filter', in: 'query' }],
        input: z.object({ filter: z.string().optional() }),
        output: z.looseObject({ ok: z.boolean() }),
        risk: 'read',
        idempotent: true,
      },
      rotate: {
        name: 'rotate',
        description: 'Rotates something; not idempotent.',
        method: 'POST',
        path: '/rotate',
        parameters: [],
        input: z.object({}),
        output: z.looseObject({ ok: z.boolean() }),
        risk: 'write',
        idempotent: false,
      },
    },
  });
}

let server: MockServer;
const seen: Request[] = [];
const meHandler = http.get('https://api.vendor.example/me', ({ request }) => {
  seen.push(request);
  return HttpResponse.json({ ok: true });
});
beforeAll(() => {
  server = startMockServer([meHandler]);
});
afterEach(() => {
  server.reset();
  seen.length = 0;
});
afterAll(() => server.close());

describe('static credentials', () => {
  it('apiKey in a header, with prefix', async () => {
    const connector = createConnector(
      vendorWith({ type: 'apiKey', in: 'header', name: 'X-Api-Token', prefix: 'Token ' }),
      {
        credentials: { type: 'apiKey', key: 'key-1234567890' },
      },
    );
    await connector.tools.whoAmI({});
    expect(seen[0]!.headers.get('x-api-token')).toBe('Token key-1234567890');
    await connector.close();
  });

  it('apiKey in the query string, next to other parameters', async () => {
    const connector = createConnector(vendorWith({ type: 'apiKey', in: 'query', name: 'apikey' }), {
      credentials: { type: 'apiKey', key: 'key-1234567890' },
    });
    await connector.tools.whoAmI({ filter: 'a b' });
    const url = new URL(seen[0]!.url);
    expect(url.searchParams.get('apikey')).toBe('key-1234567890');
    expect(url.searchParams.get('filter')).toBe('a b');
    await connector.close();
  });

  it('bearer, basic and SSWS', async () => {
    const cases = [
      [{ type: 'bearer' }, { type: 'bearer', token: 'bearer-token-1' }, 'Bearer bearer-token-1'],
      [
        { type: 'basic' },
        { type: 'basic', username: 'ana', password: 'p@ss:word' },
        `Basic ${Buffer.from('ana:p@ss:word').toString('base64')}`,
      ],
      [{ type: 'ssws' }, { type: 'ssws', token: 'ssws-token-1' }, 'SSWS ssws-token-1'],
    ] as const;
    for (const [auth, credentials, header] of cases) {
      const connector = createConnector(vendorWith(auth as AuthDefinition), { credentials: credentials as never });
      await connector.tools.whoAmI({});
      expect(seen.at(-1)!.headers.get('authorization')).toBe(header);
      await connector.close();
    }
  });

  it('picks the method matching the credentials when a connector declares several', async () => {
    const definition = vendorWith([{ type: 'ssws' }, { type: 'bearer' }]);
    const connector = createConnector(definition, { credentials: { type: 'bearer', token: 'bearer-token-2' } });
    await connector.tools.whoAmI({});
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer bearer-token-2');
    await connector.close();
  });
});

describe('OAuth2 client credentials', () => {
  const tokenUrl = 'https://login.vendor.example/tenant-42/oauth2/v2.0/token';
  const definition = vendorWith({
    type: 'oauth2ClientCredentials',
    tokenUrl: 'https://login.vendor.example/{tenantId}/oauth2/v2.0/token',
    scopes: ['alerts.read', 'users.write'],
    audience: 'https://api.vendor.example',
  });
  const credentials = {
    type: 'oauth2ClientCredentials',
    clientId: 'client-1',
    clientSecret: 'client-secret-value-xyz',
    tokenUrlVariables: { tenantId: 'tenant-42' },
  } as const;

  function setup(expiresInSeconds = 3600) {
    const tokens = mockOAuth2TokenEndpoint(tokenUrl, { expiresInSeconds });
    const authorizations: string[] = [];
    server.use(
      tokens.handler,
      http.get('https://api.vendor.example/me', ({ request }) => {
        authorizations.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ ok: true });
      }),
    );
    const clock = new ManualClock(Date.UTC(2026, 10, 27));
    const connector = createConnector(definition, { credentials, clock, tenantId: freshTenant() });
    return { tokens, authorizations, clock, connector };
  }

  it('requests a token with Basic client authentication, scopes and audience, and allow-lists the token host', async () => {
    const { tokens, authorizations, connector } = setup();
    await connector.tools.whoAmI({});
    expect(tokens.issued()).toBe(1);
    const request = tokens.requests[0]!;
    expect(request.body).toEqual({
      grant_type: 'client_credentials',
      scope: 'alerts.read users.write',
      audience: 'https://api.vendor.example',
    });
    expect(request.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('client-1:client-secret-value-xyz').toString('base64')}`,
    );
    expect(authorizations).toEqual(['Bearer token-1']);
    await connector.close();
  });

  it('N concurrent calls on a cold cache make one token request', async () => {
    const { tokens, authorizations, connector } = setup();
    await Promise.all(Array.from({ length: 20 }, () => connector.tools.whoAmI({})));
    expect(tokens.issued()).toBe(1);
    expect(new Set(authorizations)).toEqual(new Set(['Bearer token-1']));
    await connector.close();
  });

  it('reuses the token until the refresh skew before expiry, then refreshes', async () => {
    const { tokens, authorizations, clock, connector } = setup(600);
    await connector.tools.whoAmI({});
    clock.advance(600_000 - 60_001);
    await connector.tools.whoAmI({});
    expect(tokens.issued()).toBe(1);
    clock.advance(2);
    await connector.tools.whoAmI({});
    expect(tokens.issued()).toBe(2);
    expect(authorizations).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    await connector.close();
  });

  it('on a 401 drops the token and retries once with a fresh one — even for a non-idempotent call', async () => {
    const { tokens, connector } = setup();
    const rotations: string[] = [];
    server.use(
      http.post('https://api.vendor.example/rotate', ({ request }) => {
        const authorization = request.headers.get('authorization') ?? '';
        rotations.push(authorization);
        return authorization === 'Bearer token-1'
          ? HttpResponse.json({ error: 'invalid_token' }, { status: 401 })
          : HttpResponse.json({ ok: true });
      }),
    );
    await expect(connector.tools.rotate({})).resolves.toEqual({ ok: true });
    expect(rotations).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(tokens.issued()).toBe(2);
    await connector.close();
  });

  it('a second 401 is an AuthenticationError, not a loop', async () => {
    const { tokens, connector } = setup();
    server.use(http.get('https://api.vendor.example/me', () => HttpResponse.json({}, { status: 401 })));
    const error = await connector.tools.whoAmI({}).catch((e) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.request.headers.authorization).toBe('[REDACTED]');
    expect(tokens.issued()).toBe(2);
    await connector.close();
  });

  it('a rejected client secret is an AuthenticationError from the token endpoint, asked once', async () => {
    let asked = 0;
    server.use(
      http.post(tokenUrl, () => {
        asked++;
        return HttpResponse.json({ error: 'invalid_client' }, { status: 401 });
      }),
    );
    const connector = createConnector(definition, { credentials, tenantId: freshTenant() });
    const error = await connector.tools.whoAmI({}).catch((e) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.operation).toBe('oauth2Token');
    expect(asked).toBe(1);
    await connector.close();
  });

  it('client_secret_post puts the client credentials in the form', async () => {
    const tokens = mockOAuth2TokenEndpoint('https://auth.vendor.example/token');
    server.use(tokens.handler);
    const connector = createConnector(
      vendorWith({
        type: 'oauth2ClientCredentials',
        tokenUrl: 'https://auth.vendor.example/token',
        clientAuthentication: 'clientSecretPost',
      }),
      { credentials: { type: 'oauth2ClientCredentials', clientId: 'c', clientSecret: 'secret-abcdef' } },
    );
    await connector.tools.whoAmI({});
    expect(tokens.requests[0]!.body).toEqual({
      grant_type: 'client_credentials',
      client_id: 'c',
      client_secret: 'secret-abcdef',
    });
    expect(tokens.requests[0]!.headers.get('authorization')).toBeNull();
    await connector.close();
  });

  it('refuses a token URL outside an explicit allow-list', async () => {
    const connector = createConnector(definition, { credentials, allowedHosts: ['api.vendor.example'] });
    await expect(connector.tools.whoAmI({})).rejects.toSatisfy(HostNotAllowedError.isInstance);
    await connector.close();
  });
});

describe('AWS SigV4', () => {
  it('matches the AWS documentation example signature', async () => {
    const signer = new AwsSigV4Authenticator({
      service: 'iam',
      region: 'us-east-1',
      credentials: {
        type: 'awsSigV4',
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
      clock: new ManualClock(Date.UTC(2015, 7, 30, 12, 36)),
      redactor: new Redactor(),
      applyChecksum: false,
    });
    const request = {
      method: 'GET',
      url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } as Record<string, string>,
    };
    await signer.sign(request);
    expect(request.headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
    expect(request.headers['x-amz-date']).toBe('20150830T123600Z');
    expect(request.headers.host).toBeUndefined();
  });

  const guardDuty = defineConnector({
    id: 'aws-guardduty',
    vendor: 'AWS',
    product: 'GuardDuty',
    categories: ['cloud'],
    baseUrl: 'https://guardduty.{region}.amazonaws.com',
    baseUrlVariables: { region: { description: 'AWS region', pattern: '[a-z]{2}(-[a-z]+)+-\\d' } },
    auth: { type: 'awsSigV4', service: 'guardduty' },
    quotas: [],
    documentation: 'https://docs.aws.amazon.com/guardduty/latest/APIReference/',
    operations: {
      listDetectors: {
        name: 'listDetectors',
        description: 'Lists GuardDuty detector ids in the region.',
        method: 'GET',
        path: '/detector',
        parameters: [],
        input: z.object({}),
        output: z.looseObject({ detectorIds: z.array(z.string()) }),
        risk: 'read',
        idempotent: true,
      },
    },
  });

  it('signs each request with session tokens; region comes from the base URL', async () => {
    const vendor = createMockVendor(
      guardDuty,
      { listDetectors: { respond: { detectorIds: ['d1'] } } },
      {
        baseUrlVariables: { region: 'eu-west-1' },
      },
    );
    server.use(...vendor.handlers);
    const connector = createConnector(guardDuty, {
      baseUrlVariables: { region: 'eu-west-1' },
      credentials: {
        type: 'awsSigV4',
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKey: 'secret-access-key-example',
        sessionToken: 'session-token-example-123',
      },
      clock: new ManualClock(Date.UTC(2026, 10, 27, 9)),
    });
    await expect(connector.tools.listDetectors({})).resolves.toEqual({ detectorIds: ['d1'] });
    const headers = vendor.requests[0]!.headers;
    expect(headers.get('authorization')).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/20261127\/eu-west-1\/guardduty\/aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-amz-security-token[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(headers.get('x-amz-security-token')).toBe('session-token-example-123');
    expect(headers.get('x-amz-date')).toBe('20261127T090000Z');
    await connector.close();
  });

  it('asks a credential provider and caches its identity until near expiry', async () => {
    const vendor = createMockVendor(
      guardDuty,
      { listDetectors: { respond: { detectorIds: [] } } },
      {
        baseUrlVariables: { region: 'us-east-1' },
      },
    );
    server.use(...vendor.handlers);
    let calls = 0;
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 9));
    const connector = createConnector(guardDuty, {
      baseUrlVariables: { region: 'us-east-1' },
      clock,
      credentials: {
        type: 'awsSigV4',
        accessKeyId: 'unused',
        secretAccessKey: 'unused-secret',
        provider: async () => {
          calls++;
          return {
            accessKeyId: `ASIA${calls}`,
            secretAccessKey: 'rotating-secret-key',
            sessionToken: `session-${calls}-abcdef`,
            expiration: new Date(clock.now() + 15 * 60_000),
          };
        },
      },
    });
    await connector.tools.listDetectors({});
    await connector.tools.listDetectors({});
    expect(calls).toBe(1);
    clock.advance(11 * 60_000);
    await connector.tools.listDetectors({});
    expect(calls).toBe(2);
    expect(vendor.requests[2]!.headers.get('x-amz-security-token')).toBe('session-2-abcdef');
    await connector.close();
  });
});

describe('credential hygiene across origins', () => {
  it('never sends credentials to a host reached by a redirect', async () => {
    const logger = captureLogger();
    const redirected: Request[] = [];
    server.use(
      http.get('https://api.vendor.example/me', () =>
        HttpResponse.json(null, { status: 302, headers: { location: 'https://cdn.vendor.example/me.json' } }),
      ),
      http.get('https://cdn.vendor.example/me.json', ({ request }) => {
        redirected.push(request);
        return HttpResponse.json({ ok: true });
      }),
    );
    const connector = createConnector(vendorWith({ type: 'bearer' }), {
      credentials: { type: 'bearer', token: 'bearer-token-3' },
      allowedHosts: ['api.vendor.example', 'cdn.vendor.example'],
      logger,
    });
    await expect(connector.tools.whoAmI({})).resolves.toEqual({ ok: true });
    expect(redirected[0]!.headers.get('authorization')).toBeNull();
    await connector.close();
  });
});
