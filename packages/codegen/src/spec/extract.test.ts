import { describe, expect, it } from 'vitest';
import { CodegenError } from '../errors.js';
import { extractSpec, parseRouteSelector, pickMediaType, pickSuccessStatus } from './extract.js';
import type { ApiDocument } from './load-document.js';

const source = { file: 'specs/test.yaml', source: 'https://vendor.example/docs' };

function openApi(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}, extra: ApiDocument = {}) {
  return { openapi: '3.0.3', info: { title: 'T', version: '1' }, paths, components: { schemas }, ...extra };
}

describe('extractSpec: $ref resolution', () => {
  const document = openApi(
    {
      '/things/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: {
          operationId: 'getThing',
          responses: { '200': { $ref: '#/components/responses/Thing' } },
        },
      },
      '/other': { get: { operationId: 'unrelated', responses: { '200': { description: 'ok' } } } },
    },
    {
      Thing: {
        type: 'object',
        properties: { owner: { $ref: '#/components/schemas/Owner' }, parent: { $ref: '#/components/schemas/Thing' } },
      },
      Owner: { type: 'object', properties: { address: { $ref: '#/components/schemas/Address' } } },
      Address: { type: 'object', properties: { city: { type: 'string' } } },
      Unused: { type: 'string' },
    },
    {
      components: {
        parameters: { Id: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Id' } } },
        responses: {
          Thing: {
            description: 'A thing',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
        },
        schemas: {
          Thing: {
            type: 'object',
            properties: {
              owner: { $ref: '#/components/schemas/Owner' },
              parent: { $ref: '#/components/schemas/Thing' },
            },
          },
          Owner: { type: 'object', properties: { address: { $ref: '#/components/schemas/Address' } } },
          Address: { type: 'object', properties: { city: { type: 'string' } } },
          Id: { type: 'string', format: 'uuid' },
          Unused: { type: 'string' },
        },
      },
    },
  );

  const spec = extractSpec(document, { source, select: ['getThing'] });

  it('resolves parameter and response refs inline', () => {
    const [operation] = spec.operations;
    expect(operation?.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { $ref: '#/schemas/Id' } },
    ]);
    expect(operation?.response).toMatchObject({
      status: '200',
      description: 'A thing',
      schema: { $ref: '#/schemas/Thing' },
    });
  });

  it('keeps named schemas as references and collects them transitively, sorted, without unused ones', () => {
    expect(Object.keys(spec.schemas)).toEqual(['Address', 'Id', 'Owner', 'Thing']);
  });

  it('keeps recursive references finite', () => {
    expect(spec.schemas.Thing?.properties?.parent).toEqual({ $ref: '#/schemas/Thing' });
  });

  it('only extracts the selected operations', () => {
    expect(spec.operations.map((operation) => operation.operationId)).toEqual(['getThing']);
  });

  it('rejects external references with a way out', () => {
    const external = openApi({
      '/x': {
        get: {
          operationId: 'x',
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: 'other.yaml#/X' } } } },
          },
        },
      },
    });
    expect(() => extractSpec(external, { source, select: ['x'] })).toThrow(/External \$ref "other.yaml#\/X".*bundle/);
  });

  it('names a ref that does not resolve', () => {
    const broken = openApi({
      '/x': { get: { operationId: 'x', parameters: [{ $ref: '#/components/parameters/Missing' }], responses: {} } },
    });
    expect(() => extractSpec(broken, { source, select: ['x'] })).toThrow(
      /"#\/components\/parameters\/Missing" does not resolve/,
    );
  });

  it('inlines refs to schemas that are not named components and cuts their cycles', () => {
    const inline = openApi({
      '/x': {
        get: {
          operationId: 'x',
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: { $ref: '#/paths/~1y/get/responses/200/content/application~1json/schema' },
                },
              },
            },
          },
        },
      },
      '/y': {
        get: {
          operationId: 'y',
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { self: { $ref: '#/paths/~1y/get/responses/200/content/application~1json/schema' } },
                  },
                },
              },
            },
          },
        },
      },
    });
    const result = extractSpec(inline, { source, select: ['x'] });
    expect(result.operations[0]?.response.schema).toEqual({ type: 'object', properties: { self: {} } });
  });
});

describe('extractSpec: selection', () => {
  const document = openApi({
    '/users': {
      get: { operationId: 'listUsers', responses: {} },
      post: { operationId: 'createUser', responses: {} },
    },
    '/users/{id}': { delete: { responses: {} } },
  });

  it('selects by operationId or by METHOD /path, in manifest order', () => {
    const spec = extractSpec(document, { source, select: ['DELETE /users/{id}', 'listUsers'] });
    expect(spec.operations.map((operation) => `${operation.operationId}`)).toEqual(['DELETE /users/{id}', 'listUsers']);
  });

  it('reports every unknown selector at once, with suggestions', () => {
    let error: unknown;
    try {
      extractSpec(document, { source, select: ['listUser', 'GET /nothing', 'createUser', 'POST /users'] });
    } catch (caught) {
      error = caught;
    }
    expect(CodegenError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('"listUser" is not in the spec; did you mean listUsers (GET /users)?');
    expect(message).toContain('"GET /nothing" is not in the spec');
    expect(message).toContain('"POST /users" selects the same operation as "createUser"');
  });

  it('parses route selectors', () => {
    expect(parseRouteSelector('get /a/{b}')).toEqual({ method: 'GET', path: '/a/{b}' });
    expect(parseRouteSelector('getThing')).toBeUndefined();
  });
});

describe('extractSpec: normalization', () => {
  it('reads OpenAPI 3.0 nullable, 3.1 type arrays and anyOf-with-null the same way', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/x': {
          get: {
            operationId: 'x',
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        a: { type: 'string', nullable: true },
                        b: { type: ['string', 'null'] },
                        c: { anyOf: [{ type: 'string' }, { type: 'null' }] },
                        d: { type: 'string', enum: ['x', 'y', null] },
                        e: { allOf: [{ $ref: '#/components/schemas/E' }, { description: 'annotated' }] },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: { schemas: { E: { type: 'integer' } } },
    };
    const properties = extractSpec(document, { source, select: ['x'] }).operations[0]?.response.schema?.properties;
    expect(properties?.a).toEqual({ type: 'string', nullable: true });
    expect(properties?.b).toEqual({ type: 'string', nullable: true });
    expect(properties?.c).toEqual({ type: 'string', nullable: true });
    expect(properties?.d).toEqual({ type: 'string', nullable: true, enum: ['x', 'y'] });
    expect(properties?.e).toEqual({ $ref: '#/schemas/E', description: 'annotated' });
  });

  it('drops transport headers and cookies from parameters', () => {
    const document = openApi({
      '/x': {
        get: {
          operationId: 'x',
          parameters: [
            { name: 'Authorization', in: 'header', schema: { type: 'string' } },
            { name: 'session', in: 'cookie', schema: { type: 'string' } },
            { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
          ],
          responses: {},
        },
      },
    });
    expect(extractSpec(document, { source, select: ['x'] }).operations[0]?.parameters.map((p) => p.name)).toEqual([
      'X-Trace',
    ]);
  });

  it('ignores schema-less bodies on reads (request-collection conversions add them)', () => {
    const document = openApi({
      '/x': { get: { operationId: 'x', requestBody: { content: { 'application/octet-stream': {} } }, responses: {} } },
    });
    expect(extractSpec(document, { source, select: ['x'] }).operations[0]?.requestBody).toBeUndefined();
  });
});

describe('Swagger 2.0', () => {
  const swagger = {
    swagger: '2.0',
    info: { title: 'T', version: '1' },
    host: 'api.vendor.example',
    basePath: '/v2/',
    consumes: ['application/json'],
    produces: ['application/json'],
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
        put: {
          operationId: 'putThing',
          parameters: [
            { name: 'tags', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' },
            { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/Thing' } },
          ],
          responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/Thing' } } },
        },
      },
      '/upload': {
        post: {
          operationId: 'upload',
          parameters: [
            { name: 'name', in: 'formData', required: true, type: 'string' },
            { name: 'file', in: 'formData', type: 'file' },
          ],
          responses: { '201': { description: 'created' } },
        },
      },
    },
    definitions: { Thing: { type: 'object', properties: { note: { type: 'string', 'x-nullable': true } } } },
  };

  const openApiEquivalent = {
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    servers: [{ url: 'https://api.vendor.example/v2' }],
    paths: {
      '/things/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        put: {
          operationId: 'putThing',
          parameters: [
            {
              name: 'tags',
              in: 'query',
              style: 'form',
              explode: true,
              schema: { type: 'array', items: { type: 'string' } },
            },
          ],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      },
    },
    components: { schemas: { Thing: { type: 'object', properties: { note: { type: 'string', nullable: true } } } } },
  };

  it('reads into the same model as the equivalent OpenAPI 3 document', () => {
    const fromSwagger = extractSpec(swagger, { source, select: ['putThing'] });
    const fromOpenApi = extractSpec(openApiEquivalent, { source, select: ['putThing'] });
    expect({ ...fromSwagger, format: '' }).toEqual({ ...fromOpenApi, format: '' });
    expect(fromSwagger.servers).toEqual(['https://api.vendor.example/v2']);
  });

  it('turns formData parameters into a form body; file fields become binary strings', () => {
    const spec = extractSpec(swagger, { source, select: ['upload'] });
    expect(spec.operations[0]?.requestBody).toEqual({
      contentType: 'multipart/form-data',
      required: true,
      schema: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, file: { type: 'string', format: 'binary' } },
      },
    });
    expect(spec.operations[0]?.response.status).toBe('201');
  });
});

describe('media types and statuses', () => {
  it('prefers JSON, then forms, then the first listed', () => {
    expect(pickMediaType(['text/plain', 'application/vnd.api+json'])).toBe('application/vnd.api+json');
    expect(pickMediaType(['multipart/form-data', 'application/x-www-form-urlencoded'])).toBe(
      'application/x-www-form-urlencoded',
    );
    expect(pickMediaType(['text/csv'])).toBe('text/csv');
  });

  it('picks the success response a tool returns', () => {
    expect(pickSuccessStatus(['404', '201', '200'])).toBe('200');
    expect(pickSuccessStatus(['204', '400'])).toBe('204');
    expect(pickSuccessStatus(['2XX', 'default'])).toBe('2XX');
    expect(pickSuccessStatus(['default'])).toBe('default');
    expect(pickSuccessStatus(['400'])).toBeUndefined();
  });
});
