import { defineTool, describeTools } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromStrictArgumentsWithSchema as removeStrictNulls } from '@rampart/core';

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

  it('keeps nulls where the original schema accepts any value', () => {
    const loose = inputSchemaOf(z.object({ note: z.unknown().optional() }));
    expect(removeStrictNulls(loose, { note: null })).toEqual({ note: null });
  });
});
