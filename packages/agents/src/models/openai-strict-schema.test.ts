import { defineTool, describeTools } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { removeStrictNulls, toStrictSchema } from './openai-strict-schema.js';

function inputSchemaOf(input: z.ZodType) {
  const tool = defineTool({
    name: 'probe',
    description: 'A tool used only to produce an input schema.',
    input,
    output: z.unknown(),
    risk: 'read',
    idempotent: true,
    execute: async () => null,
  });
  return describeTools([tool])[0]!.inputSchema;
}

describe('toStrictSchema', () => {
  it('closes every object, requires every property and makes optional ones nullable', () => {
    const schema = inputSchemaOf(
      z.object({
        query: z.string(),
        limit: z.number().int().min(1).max(100).default(20),
        filter: z.object({ severity: z.enum(['low', 'high']).optional(), since: z.string().nullable() }).optional(),
        hosts: z.array(z.object({ id: z.string(), site: z.string().optional() })),
      }),
    );
    expect(toStrictSchema(schema)).toEqual({
      type: 'object',
      properties: {
        query: { type: 'string' },
        limit: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
        filter: {
          anyOf: [
            {
              type: 'object',
              properties: {
                severity: { anyOf: [{ type: 'string', enum: ['low', 'high'] }, { type: 'null' }] },
                since: { type: ['string', 'null'] },
              },
              required: ['severity', 'since'],
              additionalProperties: false,
            },
            { type: 'null' },
          ],
        },
        hosts: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string' }, site: { type: ['string', 'null'] } },
            required: ['id', 'site'],
            additionalProperties: false,
          },
        },
      },
      required: ['query', 'limit', 'filter', 'hosts'],
      additionalProperties: false,
    });
  });

  it('gives up (so the tool is sent non-strict) on open records and unconstrained values', () => {
    expect(toStrictSchema(inputSchemaOf(z.object({ labels: z.record(z.string(), z.string()) })))).toBeUndefined();
    expect(toStrictSchema(inputSchemaOf(z.object({ raw: z.unknown() })))).toBeUndefined();
    expect(toStrictSchema(inputSchemaOf(z.looseObject({ id: z.string() })))).toBeUndefined();
  });
});

describe('removeStrictNulls', () => {
  const input = z.object({
    query: z.string(),
    limit: z.number().default(20),
    since: z.string().nullable(),
    filter: z.object({ severity: z.enum(['low', 'high']).optional() }).optional(),
    hosts: z.array(z.object({ id: z.string(), site: z.string().optional() })).optional(),
  });
  const schema = inputSchemaOf(input);

  it('drops nulls the original schema does not allow, at every depth, and keeps allowed ones', () => {
    const strictArguments = {
      query: 'powershell -enc',
      limit: null,
      since: null,
      filter: { severity: null },
      hosts: [{ id: 'h-1', site: null }],
    };
    const cleaned = removeStrictNulls(schema, strictArguments);
    expect(cleaned).toEqual({ query: 'powershell -enc', since: null, filter: {}, hosts: [{ id: 'h-1' }] });
    expect(input.parse(cleaned)).toEqual({
      query: 'powershell -enc',
      limit: 20,
      since: null,
      filter: {},
      hosts: [{ id: 'h-1' }],
    });
  });

  it('removes an optional object that came back as null', () => {
    expect(removeStrictNulls(schema, { query: 'x', since: null, filter: null, hosts: null })).toEqual({
      query: 'x',
      since: null,
    });
  });
});
