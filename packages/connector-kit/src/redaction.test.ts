import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { captureLogger, virtualTime } from '../test/support/acme.js';
import type { CallReport } from './call-report.js';
import { createConnector } from './connector.js';
import { type AuthDefinition, type Credentials, defineConnector } from './definition.js';
import { REDACTED, Redactor } from './redaction.js';
import { type MockServer, startMockServer } from './testing/mock-server.js';

describe('Redactor', () => {
  const redactor = new Redactor({ headers: ['X-Vendor-Key'], queryKeys: ['sig_v'], secrets: ['s3cr3t-value!'] });

  it('redacts sensitive headers by name, whatever their case', () => {
    expect(
      redactor.headers({ Authorization: 'Bearer abc', 'X-Vendor-Key': 'k', Cookie: 'a=b', Accept: 'application/json' }),
    ).toEqual({ authorization: REDACTED, 'x-vendor-key': REDACTED, cookie: REDACTED, accept: 'application/json' });
  });

  it('redacts sensitive query values, userinfo and known secrets in URLs', () => {
    expect(redactor.url('https://u:p@api.example/x?sig_v=1&api_key=2&q=ok&token=3')).toBe(
      `https://${REDACTED}:${REDACTED}@api.example/x?sig_v=${REDACTED}&api_key=${REDACTED}&q=ok&token=${REDACTED}`,
    );
    expect(redactor.url(`https://api.example/x?q=${encodeURIComponent('s3cr3t-value!')}`)).toBe(
      `https://api.example/x?q=${REDACTED}`,
    );
  });

  it('scrubs secret values and token fields from text, before cutting an excerpt', () => {
    expect(redactor.scrub('invalid key s3cr3t-value! given')).toBe(`invalid key ${REDACTED} given`);
    expect(redactor.scrub('{"access_token": "eyJabc", "token_type":"Bearer"}')).toBe(
      `{"access_token": "${REDACTED}", "token_type":"Bearer"}`,
    );
    expect(redactor.scrub('{"error":"{\\"refresh_token\\":\\"rt-1\\"}"}')).toBe(
      `{"error":"{\\"refresh_token\\":\\"${REDACTED}\\"}"}`,
    );
    expect(redactor.scrub('grant_type=x&client_secret=abc&scope=y')).toBe(
      `grant_type=x&client_secret=${REDACTED}&scope=y`,
    );
    const long = `${'x'.repeat(2040)}s3cr3t-value!`;
    expect(redactor.excerpt(long, 2048)).not.toContain('s3cr3t');
  });

  it('ignores values too short to scrub safely', () => {
    const short = new Redactor({ secrets: ['abc'] });
    expect(short.scrub('abc def')).toBe('abc def');
  });
});

const base = 'https://api.secretive.example';
const secrets = {
  apiKey: 'apikey-VERY-secret-0001',
  password: 'basic-password-secret-0002',
  clientSecret: 'oauth-client-secret-0003',
  accessToken: 'issued-access-token-0004',
  awsSecret: 'aws-secret-access-key-0005',
  awsSession: 'aws-session-token-0006',
};

function definitionFor(auth: AuthDefinition) {
  return defineConnector({
    id: 'secretive',
    vendor: 'Secretive',
    product: 'API',
    categories: ['other'],
    baseUrl: `${base}`,
    auth,
    quotas: [{ id: 'q', scope: 'org', limit: 1000, windowMs: 60_000, source: 'https://secretive.example/limits' }],
    documentation: 'https://secretive.example/docs',
    operations: {
      getThing: {
        name: 'getThing',
        description: 'Reads one thing; the status decides the failure.',
        method: 'GET',
        path: '/things/{status}',
        parameters: [{ name: 'status', in: 'path' }],
        input: z.object({ status: z.string() }),
        output: z.looseObject({ id: z.string() }),
        risk: 'read',
        idempotent: true,
        quota: 'q',
      },
      listThings: {
        name: 'listThings',
        description: 'Lists things with link-header pages.',
        method: 'GET',
        path: '/list',
        parameters: [],
        input: z.object({}),
        output: z.array(z.unknown()),
        risk: 'read',
        idempotent: true,
        pagination: { style: 'link-header' },
      },
    },
  });
}

/** A careless vendor: echoes the credentials it received (header, URL, basic, signed headers) into its bodies. */
const echo = (request: Request) =>
  `auth=${request.headers.get('authorization')} key=${request.headers.get('x-secretive-key')} ` +
  `session=${request.headers.get('x-amz-security-token')} url=${request.url} {"access_token":"eyJ-unknown-token"}`;
const unknownToken = 'eyJ-unknown-token';

let server: MockServer;
beforeAll(() => {
  server = startMockServer([
    http.post(`${base}/oauth/token`, () =>
      HttpResponse.json({ access_token: secrets.accessToken, token_type: 'Bearer', expires_in: 3600 }),
    ),
    http.get(`${base}/things/:status`, ({ request, params }) => {
      const status = String(params.status);
      if (status === 'ok') return HttpResponse.json({ id: 'thing' });
      if (status === 'wrong') return HttpResponse.json({ id: 42, echo: echo(request) });
      if (status === 'notjson')
        return new HttpResponse(`<html>${echo(request)}`, { headers: { 'content-type': 'application/json' } });
      if (status === 'drop') return HttpResponse.error();
      if (status === 'hang') return new Promise<Response>(() => {});
      if (status === 'redirect') {
        return HttpResponse.json(null, {
          status: 302,
          headers: { location: `https://elsewhere.example/x?apikey=${secrets.apiKey}&password=${secrets.password}` },
        });
      }
      return HttpResponse.json(
        { error: echo(request) },
        { status: Number(status), headers: { 'retry-after': '600', 'set-cookie': `session=${secrets.accessToken}` } },
      );
    }),
    http.get(`${base}/list`, ({ request }) =>
      HttpResponse.json([1], {
        headers: {
          link: `<https://evil.example/next?key=${new URL(request.url).searchParams.get('apikey')}>; rel="next"`,
        },
      }),
    ),
  ]);
});
afterAll(() => server.close());

const methods: [string, AuthDefinition, Credentials][] = [
  ['api key in query', { type: 'apiKey', in: 'query', name: 'apikey' }, { type: 'apiKey', key: secrets.apiKey }],
  [
    'api key in header',
    { type: 'apiKey', in: 'header', name: 'X-Secretive-Key' },
    { type: 'apiKey', key: secrets.apiKey },
  ],
  ['basic', { type: 'basic' }, { type: 'basic', username: 'svc-user', password: secrets.password }],
  [
    'oauth2',
    { type: 'oauth2ClientCredentials', tokenUrl: `${base}/oauth/token` },
    { type: 'oauth2ClientCredentials', clientId: 'client-id', clientSecret: secrets.clientSecret },
  ],
  [
    'aws sigv4',
    { type: 'awsSigV4', service: 'secretive' },
    {
      type: 'awsSigV4',
      region: 'eu-central-1',
      accessKeyId: 'AKIDPUBLIC',
      secretAccessKey: secrets.awsSecret,
      sessionToken: secrets.awsSession,
    },
  ],
];

function assertClean(label: string, value: unknown) {
  const renderings = [
    JSON.stringify(value),
    inspect(value, { depth: 20, showHidden: true, getters: true }),
    String(value),
    value instanceof Error ? String(value.stack) : '',
  ];
  for (const rendering of renderings) {
    for (const [name, secret] of [...Object.entries(secrets), ['token field', unknownToken]]) {
      expect(rendering, `${label} leaks ${name}`).not.toContain(secret);
    }
    // Secrets also leave encoded: Basic credentials and URL-encoded values.
    expect(rendering, `${label} leaks basic credentials`).not.toContain(
      Buffer.from(`svc-user:${secrets.password}`).toString('base64'),
    );
  }
}

describe.each(methods)('no secret leaves through errors, logs or reports (%s)', (_label, auth, credentials) => {
  it('for every error type', async () => {
    const logger = captureLogger();
    const reports: CallReport[] = [];
    const time = virtualTime();
    const connector = createConnector(definitionFor(auth), {
      credentials: credentials as never,
      clock: time.clock,
      sleep: time.sleep,
      logger,
      onCallEnd: (report) => reports.push(report),
      retry: { maxAttempts: 2, budgetMs: 5_000 },
      timeouts: { requestMs: 100 },
    });
    await expect(connector.tools.getThing({ status: 'ok' })).resolves.toEqual({ id: 'thing' });
    const errors: unknown[] = [];
    for (const status of [
      '401',
      '403',
      '404',
      '429',
      '400',
      '500',
      '503',
      'wrong',
      'notjson',
      'drop',
      'hang',
      'redirect',
    ]) {
      errors.push(await connector.tools.getThing({ status }).catch((error: unknown) => error));
    }
    errors.push(await connector.request('getThing', { status: 7 as never }).catch((error: unknown) => error));
    errors.push(
      await (async () => {
        for await (const _ of connector.paginate('listThings', {})) {
          // drain
        }
      })().catch((error: unknown) => error),
    );
    const names = errors.map((error) => (error as Error).name);
    expect(names).toEqual([
      'AuthenticationError',
      'PermissionError',
      'VendorNotFoundError',
      'RateLimitedError',
      'ConnectorHttpError',
      'VendorUnavailableError',
      'VendorUnavailableError',
      'InvalidResponseError',
      'InvalidResponseError',
      'VendorUnavailableError',
      'VendorUnavailableError',
      'HostNotAllowedError',
      'ValidationError',
      'HostNotAllowedError',
    ]);
    for (const [index, error] of errors.entries()) assertClean(`error ${names[index]} #${index}`, error);
    assertClean('log lines', logger.lines);
    assertClean('call reports', reports);
    expect(logger.lines.length).toBeGreaterThan(0);
    await connector.close();
  });
});
