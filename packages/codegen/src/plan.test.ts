import { describe, expect, it } from 'vitest';
import { type ConnectorManifestInput, parseManifest } from './manifest.js';
import { planTools } from './plan.js';
import { extractSpec } from './spec/extract.js';

const document = {
  openapi: '3.0.3',
  info: { title: 'T', version: '1' },
  paths: {
    '/users/{id}': {
      get: {
        operationId: 'getUser',
        summary: 'Get a user',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/users': {
      get: {
        operationId: 'listUsers',
        parameters: [{ name: 'page_size', in: 'query', schema: { type: 'integer' } }],
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: {} } } } },
        },
      },
      post: {
        operationId: 'createUser',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['email'],
                properties: {
                  id: { type: 'string', readOnly: true },
                  email: { type: 'string' },
                  note: { type: 'string' },
                },
              },
            },
          },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/users/{id}/notes': {
      put: {
        operationId: 'replaceNotes',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
        responses: { '204': { description: 'done' } },
      },
    },
    '/findings': {
      post: {
        operationId: 'search',
        parameters: [
          { name: 'NextToken', in: 'query', schema: { type: 'string' } },
          { name: 'X-Amz-Date', in: 'header', schema: { type: 'string' } },
          { name: 'quotaUser', in: 'query', schema: { type: 'string' } },
          { name: 'access_token', in: 'query', schema: { type: 'string' } },
        ],
        requestBody: {
          content: {
            'application/json': {
              schema: { type: 'object', properties: { NextToken: { type: 'string' }, Filters: { type: 'object' } } },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/sessions/{id}': {
      delete: {
        operationId: 'endSession',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: { '*/*': { schema: { type: 'object', properties: { gracePeriodSeconds: { type: 'integer' } } } } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/#X-Amz-Target=vault.DescribeSecret': {
      post: {
        operationId: 'DescribeSecret',
        parameters: [
          {
            name: 'X-Amz-Target',
            in: 'header',
            required: true,
            schema: { type: 'string', enum: ['vault.DescribeSecret'] },
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', properties: { SecretId: { type: 'string' } } } } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/#X-Amz-Target=vault.DescribeVault': {
      post: { operationId: 'DescribeVault', responses: { '200': { description: 'ok' } } },
    },
    '/#X-Amz-Target=vault.GetVaultState': {
      post: {
        operationId: 'GetVaultState',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', properties: {} } } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/upload': {
      post: {
        operationId: 'upload',
        requestBody: { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

function plan(operations: ConnectorManifestInput['operations'], extra: Partial<ConnectorManifestInput> = {}) {
  const manifest = parseManifest({
    id: 'test',
    vendor: 'Vendor',
    product: 'Product',
    categories: ['iam'],
    spec: { file: 'specs/test.yaml', source: 'https://vendor.example/docs' },
    baseUrl: 'https://api.vendor.example',
    auth: [{ type: 'bearer', id: 'token', description: 'A token', documentation: 'https://vendor.example/auth' }],
    operations,
    documentation: { apiReference: 'https://vendor.example/docs' },
    ...extra,
  });
  const spec = extractSpec(document, {
    source: manifest.spec,
    select: manifest.operations.map((operation) => operation.select),
  });
  return planTools(manifest, spec);
}

describe('planTools', () => {
  it('applies manifest names, aliases, risk, idempotency and field names', () => {
    const [tool] = plan([
      {
        select: 'getUser',
        name: 'lookUpUser',
        deprecatedAliases: ['getUser'],
        risk: 'read',
        idempotent: true,
        fieldNames: { id: 'userId' },
      },
    ]);
    expect(tool).toMatchObject({
      name: 'lookUpUser',
      typeName: 'LookUpUser',
      deprecatedAliases: ['getUser'],
      risk: 'read',
      idempotent: true,
      fields: [{ name: 'userId', in: 'path', wireName: 'id', required: true }],
    });
  });

  it('defaults risk by method and names by operationId', () => {
    const tools = plan([{ select: 'listUsers' }, { select: 'createUser' }, { select: 'replaceNotes' }]);
    expect(tools.map((tool) => [tool.name, tool.risk, tool.idempotent])).toEqual([
      ['listUsers', 'read', true],
      ['createUser', 'write', false],
      ['replaceNotes', 'write', true],
    ]);
  });

  it('spreads object bodies into flat fields without read-only properties', () => {
    const [tool] = plan([{ select: 'createUser' }]);
    expect(tool?.fields.map((field) => [field.name, field.in, field.required])).toEqual([
      ['email', 'body', true],
      ['note', 'body', false],
    ]);
    expect(tool?.body).toEqual({ contentType: 'application/json', required: true });
  });

  it('puts other bodies in a `body` field', () => {
    const [tool] = plan([{ select: 'replaceNotes' }]);
    expect(tool?.fields.at(-1)).toMatchObject({ name: 'body', in: 'body', required: false });
    expect(tool?.body).toEqual({ contentType: 'application/json', field: 'body', required: false });
  });

  it('applies default pagination to list reads only, unless the operation turns it off', () => {
    const pagination = { style: 'link-header' as const, limitParameter: 'page_size' };
    expect(
      plan([{ select: 'listUsers' }, { select: 'getUser' }], { pagination }).map((tool) => tool.pagination),
    ).toEqual([pagination, undefined]);
    expect(plan([{ select: 'listUsers', pagination: false }], { pagination })[0]?.pagination).toBeUndefined();
  });

  it('says what to do about bodies the kit cannot send', () => {
    expect(() => plan([{ select: 'upload' }])).toThrow(/application\/octet-stream.*Leave the operation out/);
  });

  it('rejects field renames of parameters the operation does not have', () => {
    expect(() => plan([{ select: 'getUser', fieldNames: { userId: 'id' } }])).toThrow(
      /fieldNames renames userId, which the operation does not have \(parameters: id\)/,
    );
  });

  it('rejects two tools with one name', () => {
    expect(() =>
      plan([
        { select: 'getUser', name: 'users' },
        { select: 'listUsers', name: 'users' },
      ]),
    ).toThrow(/tool name "users" is already used/);
  });

  it('fixes the fields named in constants: optional literal with a default, never in the model-chosen sample', () => {
    const [listUsers] = plan([{ select: 'listUsers', constants: { page_size: 50 } }]);
    const field = listUsers!.fields.find((entry) => entry.wireName === 'page_size')!;
    expect(field).toMatchObject({ constant: 50, required: false, schema: { const: 50, default: 50 } });
  });

  it('omits optional fields the manifest names, and refuses required or unknown ones', () => {
    const [createUser] = plan([{ select: 'createUser', omit: ['note'] }]);
    expect(createUser!.fields.map((field) => field.wireName)).toEqual(['email']);
    expect(() => plan([{ select: 'createUser', omit: ['email', 'nickname'] }])).toThrow(
      /omit names email, which the operation requires; nickname, which the operation does not have/,
    );
  });

  it('rejects constants the operation does not have', () => {
    expect(() => plan([{ select: 'getUser', constants: { Action: 'GetUser' } }])).toThrow(
      /constants names Action, which the operation does not have \(fields: id\)/,
    );
  });

  it('drops conversion artifacts: AWS body pagination in the query, SigV4 headers, Google system parameters', () => {
    const [search] = plan([{ select: 'search' }]);
    expect(search!.fields.map((field) => [field.name, field.in])).toEqual([
      ['NextToken', 'body'],
      ['Filters', 'body'],
    ]);
  });

  it('sends AWS JSON operations to POST / with their target as a fixed header, never a field', () => {
    const [describe] = plan([{ select: 'DescribeSecret', risk: 'read' }], { awsJsonVersion: '1.0' });
    expect(describe).toMatchObject({
      path: '/',
      headers: { 'X-Amz-Target': 'vault.DescribeSecret' },
      body: { contentType: 'application/x-amz-json-1.0' },
    });
    expect(describe!.fields.map((field) => [field.name, field.in])).toEqual([['SecretId', 'body']]);
    expect(() => plan([{ select: 'DescribeSecret' }])).toThrow(/set `awsJsonVersion`/);
    const [describeVault] = plan([{ select: 'DescribeVault', risk: 'read' }], { awsJsonVersion: '1.1' });
    expect(describeVault!.body).toEqual({ contentType: 'application/x-amz-json-1.1', required: false });
    const [getVaultState] = plan([{ select: 'GetVaultState', risk: 'read' }], { awsJsonVersion: '1.1' });
    expect(getVaultState!.fields).toEqual([]);
    expect(getVaultState!.body).toEqual({ contentType: 'application/x-amz-json-1.1', required: false });
  });

  it('sends a body of any type (*/*) as JSON', () => {
    const [endSession] = plan([{ select: 'endSession' }]);
    expect(endSession!.body).toEqual({ contentType: 'application/json', required: false });
    expect(endSession!.fields.map((field) => field.name)).toEqual(['id', 'gracePeriodSeconds']);
  });
});
