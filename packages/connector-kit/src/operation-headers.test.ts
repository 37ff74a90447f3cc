import { ManualClock } from '@rampart/core';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createConnector } from './connector.js';
import { defineConnector } from './definition.js';
import { definitionProblems } from './definition-check.js';
import { createMockVendor } from './testing/mock-vendor.js';
import { type MockServer, startMockServer } from './testing/mock-server.js';

/** An AWS JSON 1.1 service: every operation is `POST /`, named by its fixed `X-Amz-Target` header. */
const secrets = defineConnector({
  id: 'aws-secrets-manager',
  vendor: 'AWS',
  product: 'Secrets Manager',
  categories: ['cloud'],
  baseUrl: 'https://secretsmanager.{region}.amazonaws.com',
  baseUrlVariables: { region: { description: 'AWS region', pattern: '[a-z]{2}(-[a-z]+)+-\\d' } },
  auth: { type: 'awsSigV4', service: 'secretsmanager' },
  quotas: [],
  documentation: 'https://docs.aws.amazon.com/secretsmanager/latest/apireference/Welcome.html',
  operations: {
    listSecrets: {
      name: 'listSecrets',
      description: 'Lists the secrets of the account.',
      method: 'POST',
      path: '/',
      parameters: [],
      headers: { 'X-Amz-Target': 'secretsmanager.ListSecrets' },
      body: { contentType: 'application/x-amz-json-1.1' },
      input: z.object({ MaxResults: z.number().optional() }),
      output: z.looseObject({ SecretList: z.array(z.looseObject({ Name: z.string() })) }),
      risk: 'read',
      idempotent: true,
    },
    describeSecret: {
      name: 'describeSecret',
      description: 'Describes one secret.',
      method: 'POST',
      path: '/',
      parameters: [],
      headers: { 'X-Amz-Target': 'secretsmanager.DescribeSecret' },
      body: { contentType: 'application/x-amz-json-1.1' },
      input: z.object({ SecretId: z.string() }),
      output: z.looseObject({ Name: z.string() }),
      risk: 'read',
      idempotent: true,
    },
  },
});

const region = { region: 'us-east-1' };
let server: MockServer;
beforeAll(() => {
  server = startMockServer([]);
});
afterEach(() => server.reset());
afterAll(() => server.close());

function connect() {
  return createConnector(secrets, {
    baseUrlVariables: region,
    credentials: { type: 'awsSigV4', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-access-key-example' },
    clock: new ManualClock(Date.UTC(2026, 10, 27, 9)),
  });
}

describe('operation headers (AWS JSON protocol)', () => {
  it('sends each operation to POST / with its fixed target, signed, and the AWS JSON content type', async () => {
    const vendor = createMockVendor(
      secrets,
      { listSecrets: { respond: { SecretList: [{ Name: 'db' }] } }, describeSecret: { respond: { Name: 'db' } } },
      { baseUrlVariables: region },
    );
    server.use(...vendor.handlers);
    const connector = connect();
    await expect(connector.tools.describeSecret({ SecretId: 'db' })).resolves.toEqual({ Name: 'db' });
    await expect(connector.tools.listSecrets({ MaxResults: 5 })).resolves.toEqual({ SecretList: [{ Name: 'db' }] });
    const [described] = vendor.requestsFor('describeSecret');
    const [listed] = vendor.requestsFor('listSecrets');
    expect(vendor.requests).toHaveLength(2);
    expect(described!.url.pathname).toBe('/');
    expect(described!.headers.get('x-amz-target')).toBe('secretsmanager.DescribeSecret');
    expect(described!.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(described!.body).toEqual({ SecretId: 'db' });
    expect(described!.headers.get('authorization')).toMatch(/SignedHeaders=[a-z0-9;-]*x-amz-target/);
    expect(listed!.headers.get('x-amz-target')).toBe('secretsmanager.ListSecrets');
    expect(listed!.body).toEqual({ MaxResults: 5 });
    await connector.close();
  });

  it('parses a response sent as application/x-amz-json-1.1 as JSON', async () => {
    server.use(
      http.post('https://secretsmanager.us-east-1.amazonaws.com/', () =>
        HttpResponse.text('{"Name":"db"}', { headers: { 'content-type': 'application/x-amz-json-1.1' } }),
      ),
    );
    const connector = connect();
    await expect(connector.tools.describeSecret({ SecretId: 'db' })).resolves.toEqual({ Name: 'db' });
    await connector.close();
  });

  it('refuses fixed headers the transport owns or a header parameter also sets', () => {
    const listSecrets = secrets.operations.listSecrets;
    const problems = definitionProblems({
      ...secrets,
      operations: {
        listSecrets: {
          ...listSecrets,
          headers: { 'Content-Type': 'application/json', 'X-Amz-Target': 'secretsmanager.ListSecrets' },
          parameters: [{ name: 'target', in: 'header', wireName: 'x-amz-target' }],
        },
      },
    });
    expect(problems).toEqual([
      'operations.listSecrets.headers sets Content-Type, which the transport or auth owns',
      'operations.listSecrets.headers fixes X-Amz-Target, which is also a header parameter',
    ]);
  });
});
