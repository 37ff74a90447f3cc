import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { evaluateModule, evaluateSchema } from '../../test/evaluate.js';
import type { IntermediateSpec, SchemaNode } from '../spec/intermediate.js';
import { sampleForPattern } from './pattern-sample.js';
import { SampleGenerator } from './sample-data.js';
import { ZodEmitter } from './zod-emitter.js';

const schemas: Record<string, SchemaNode> = {
  User: {
    type: 'object',
    required: ['id', 'email', 'status'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      email: { type: 'string', format: 'email' },
      firstName: { type: 'string' },
      lastName: { type: 'string' },
      status: { type: 'string', enum: ['ACTIVE', 'SUSPENDED'] },
      lastLogin: { type: 'string', format: 'date-time', nullable: true },
      ipAddress: { type: 'string' },
      city: { type: 'string' },
      loginCount: { type: 'integer', minimum: 0 },
      manager: { $ref: '#/schemas/User' },
      department: { type: 'string', example: 'Finance' },
      groupId: { type: 'string', example: '{{groupId}}' },
    },
  },
};
const spec: IntermediateSpec = {
  $comment: '',
  source: { file: 'x.yaml', source: 'https://vendor.example' },
  format: '3.0.3',
  info: { title: 'T', version: '1' },
  servers: [],
  operations: [],
  schemas,
};

describe('sample data', () => {
  const generator = new SampleGenerator(spec);
  const user = generator.sample({ $ref: '#/schemas/User' }, 'getUser') as Record<string, unknown>;

  it('is realistic: formats, names, places and enums, not "string"', () => {
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(user.email).toMatch(/^[a-z]+\.[a-z]+@example\.com$/);
    expect(typeof user.firstName).toBe('string');
    expect(user.firstName).not.toMatch(/string/i);
    expect(user.status).toBe('ACTIVE');
    expect(new Date(user.lastLogin as string).toISOString()).toBe(user.lastLogin);
    expect(user.ipAddress).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/);
    expect(['Seattle', 'Toronto', 'Dublin', 'Berlin']).toContain(user.city);
    expect(user.department).toBe('Finance');
  });

  it('ignores placeholder examples', () => {
    expect(user.groupId).not.toContain('{{');
  });

  it('follows recursive schemas a bounded number of times', () => {
    const manager = user.manager as Record<string, unknown>;
    expect(manager.email).toBeDefined();
    expect(JSON.stringify(user).length).toBeLessThan(5000);
  });

  it('is deterministic, and differs between siblings', () => {
    expect(new SampleGenerator(spec).sample({ $ref: '#/schemas/User' }, 'getUser')).toEqual(user);
    const list = generator.sample({ type: 'array', items: { $ref: '#/schemas/User' } }, 'listUsers') as unknown[];
    expect(list).toHaveLength(2);
    expect(list[0]).not.toEqual(list[1]);
  });

  it('passes the output schema emitted for the same spec', () => {
    const emitter = new ZodEmitter({ spec, identifiers: new Map([['User', 'User']]) });
    const module = evaluateModule(
      `import { z } from 'zod';\nexport const User = ${emitter.expression(schemas.User!, 'output')};`,
    );
    expect((module.User as z.ZodType).safeParse(user).error).toBeUndefined();
    const input = evaluateSchema(emitter.expression(schemas.User!, 'input'));
    expect(input.safeParse(new SampleGenerator(spec).sample(schemas.User!, 'x', '', 'input')).error).toBeUndefined();
  });
});

describe('strings for patterns', () => {
  it.each([
    '^arn:aws:iam::\\d{12}:role/[A-Za-z0-9+=,.@_-]+$',
    '^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$',
    '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
    '^[^\\s@]+@[^\\s@]+$',
    '^(?:[a-z]{2}-){2}[0-9]$',
    '^\\p{L}+(?:\\.\\p{L}+){0,2}$',
  ])('builds a match for %s', (pattern) => {
    const value = sampleForPattern(pattern);
    expect(value).toBeDefined();
    expect(new RegExp(pattern, pattern.includes('\\p{') ? 'u' : '').test(value!)).toBe(true);
  });

  it('gives up on what it cannot read', () => {
    expect(sampleForPattern('(?<=a)b')).toBeUndefined();
    expect(sampleForPattern('(a)\\1')).toBeUndefined();
  });
});
