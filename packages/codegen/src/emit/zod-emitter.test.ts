import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { evaluateModule, evaluateSchema } from '../../test/evaluate.js';
import type { IntermediateSpec, SchemaNode } from '../spec/intermediate.js';
import { emitSchemasFile } from './schemas-file.js';
import { ZodEmitter } from './zod-emitter.js';

function specWith(schemas: Record<string, SchemaNode>): IntermediateSpec {
  return {
    $comment: '',
    source: { file: 'x.yaml', source: 'https://vendor.example' },
    format: '3.1.0',
    info: { title: 'T', version: '1' },
    servers: [],
    operations: [],
    schemas,
  };
}

function compile(node: SchemaNode, mode: 'input' | 'output', schemas: Record<string, SchemaNode> = {}): z.ZodType {
  const emitter = new ZodEmitter({ spec: specWith(schemas), identifiers: new Map() });
  return evaluateSchema(emitter.expression(node, mode));
}

function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

const user: SchemaNode = {
  type: 'object',
  required: ['id', 'email'],
  properties: {
    id: { type: 'string', readOnly: true },
    email: { type: 'string', format: 'email' },
    age: { type: 'integer', minimum: 0 },
    status: { type: 'string', enum: ['ACTIVE', 'SUSPENDED'] },
    nickname: { type: 'string', nullable: true },
    password: { type: 'string', writeOnly: true },
    metadata: {},
  },
};

describe('output schemas (vendor responses)', () => {
  const schema = compile(user, 'output');

  it('accepts a valid response and keeps fields the vendor adds later', () => {
    const value = { id: 'u1', email: 'a@b.example', status: 'ACTIVE', added: { later: true } };
    expect(schema.parse(value)).toEqual(value);
  });

  it('catches a declared field of the wrong type and names its path', () => {
    expect(issuePaths(schema, { id: 'u1', email: 'a@b.example', age: 'old' })).toEqual(['age']);
    expect(issuePaths(schema, { email: 'a@b.example' })).toEqual(['id']);
  });

  it('tolerates new enum values, non-canonical formats and null for optional fields', () => {
    expect(schema.safeParse({ id: 'u1', email: 'not-an-email', status: 'DEPROVISIONED', age: null }).success).toBe(
      true,
    );
  });

  it('leaves write-only fields out and keeps read-only ones', () => {
    expect(issuePaths(schema, { id: 'u1', email: 'a@b.example', password: 42 })).toEqual([]);
  });
});

describe('input schemas (model tool calls)', () => {
  const schema = compile(user, 'input');

  it('enforces formats, enums and bounds', () => {
    expect(issuePaths(schema, { email: 'nope' })).toEqual(['email']);
    expect(issuePaths(schema, { email: 'a@b.example', status: 'GONE' })).toEqual(['status']);
    expect(issuePaths(schema, { email: 'a@b.example', age: -1 })).toEqual(['age']);
    expect(issuePaths(schema, { email: 'a@b.example', age: 1.5 })).toEqual(['age']);
  });

  it('leaves read-only fields out of inputs', () => {
    expect(schema.safeParse({ email: 'a@b.example' }).success).toBe(true);
  });

  it('describes fields for the model, with defaults', () => {
    const described = compile(
      { type: 'object', properties: { limit: { type: 'integer', description: '<b>Page</b> size.', default: 20 } } },
      'input',
    ) as z.ZodObject;
    expect((described.shape.limit as z.ZodType).description).toBe('Page size. Default: 20.');
  });

  it('enforces portable patterns only', () => {
    const patterned = compile(
      {
        type: 'object',
        properties: { arn: { type: 'string', pattern: '^arn:aws:' }, other: { type: 'string', pattern: '\\A(?<x' } },
      },
      'input',
    );
    expect(issuePaths(patterned, { arn: 'nope', other: 'anything' })).toEqual(['arn']);
  });

  it('reads Unicode property escapes with the u flag, and skips ones mangled for another engine', () => {
    const patterned = compile(
      {
        type: 'object',
        properties: {
          path: { type: 'string', pattern: '^\\p{L}+(?:\\.\\p{L}+){0,2}$' },
          issuer: { type: 'string', pattern: '[\\p\\{L\\}]+' },
        },
      },
      'input',
    );
    expect(issuePaths(patterned, { path: 'emails.value', issuer: 'https://idp.example' })).toEqual([]);
    expect(issuePaths(patterned, { path: 'p{L}', issuer: 'x' })).toEqual(['path']);
  });
});

describe('composition', () => {
  const schemas: Record<string, SchemaNode> = {
    Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  };

  it('merges allOf of objects into one object', () => {
    const node: SchemaNode = {
      allOf: [{ $ref: '#/schemas/Base' }, { type: 'object', properties: { name: { type: 'string' } } }],
    };
    const schema = compile(node, 'input', schemas);
    expect(schema.safeParse({ id: 'a', name: 'b' }).success).toBe(true);
    expect(issuePaths(schema, { name: 'b' })).toEqual(['id']);
  });

  it('turns oneOf and anyOf into unions', () => {
    const schema = compile({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, 'input');
    expect(schema.safeParse('a').success).toBe(true);
    expect(schema.safeParse(3).success).toBe(true);
    expect(schema.safeParse(true).success).toBe(false);
  });

  it('maps additionalProperties to records and catch-alls', () => {
    const record = compile({ type: 'object', additionalProperties: { type: 'integer' } }, 'output');
    expect(record.safeParse({ a: 1 }).success).toBe(true);
    expect(issuePaths(record, { a: 'x' })).toEqual(['a']);
    const mixed = compile(
      { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: { type: 'integer' } },
      'output',
    );
    expect(issuePaths(mixed, { name: 'n', count: 'x' })).toEqual(['count']);
  });

  it('reads const, nullable and multi-type nodes', () => {
    expect(compile({ const: 'host' }, 'input').safeParse('user').success).toBe(false);
    expect(compile({ type: 'string', nullable: true }, 'input').safeParse(null).success).toBe(true);
    const either = compile({ type: ['string', 'integer'] }, 'input');
    expect([either.safeParse('a').success, either.safeParse(1).success, either.safeParse(false).success]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('cuts recursive inputs at a depth and keeps recursive outputs lazy', () => {
    const recursive: Record<string, SchemaNode> = {
      Node: {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/schemas/Node' } } },
      },
    };
    const input = compile({ $ref: '#/schemas/Node' }, 'input', recursive);
    expect(input.safeParse({ name: 'a', children: [{ name: 'b', children: ['anything'] }] }).success).toBe(true);

    const spec = specWith(recursive);
    spec.operations = [
      {
        operationId: 'tree',
        method: 'GET',
        path: '/tree',
        parameters: [],
        response: { status: '200', schema: { $ref: '#/schemas/Node' } },
      },
    ];
    const source = emitSchemasFile(
      spec,
      [
        {
          name: 'getTree',
          typeName: 'GetTree',
          deprecatedAliases: [],
          operation: spec.operations[0]!,
          path: '/tree',
          description: 'Gets the whole tree.',
          fields: [],
          output: { $ref: '#/schemas/Node' },
          risk: 'read',
          idempotent: true,
          scopes: [],
          capabilities: [],
        },
      ],
      'a test spec',
    ).source;
    expect(source).toContain('z.lazy((): z.ZodType => Node)');
    const output = evaluateModule(source).GetTreeOutput as z.ZodType;
    expect(output.safeParse({ name: 'a', children: [{ name: 'b', children: [] }] }).success).toBe(true);
    expect(issuePaths(output, { name: 'a', children: [{ name: 7 }] })).toEqual(['children.0.name']);
  });
});
