import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { ToolExportError } from './exporters.js';
import {
  containHost,
  deleteMessage,
  echoText,
  rawQuery,
  searchAlerts,
  setLabels,
  tagTree,
} from './exporters-fixtures.js';
import {
  fromStrictArguments,
  fromStrictArgumentsWithSchema,
  openAIStrictViolations,
  toOpenAIStrictSchema,
  toOpenAITools,
} from './exporters-openai.js';

const strictTools = { searchAlerts, containHost, deleteMessage, tagTree };

describe('toOpenAITools', () => {
  it('produces Chat Completions function tools in strict mode', () => {
    const tools = toOpenAITools(strictTools);
    expect(tools.map((tool) => tool.type)).toEqual(['function', 'function', 'function', 'function']);
    expect(tools.map((tool) => tool.function.name)).toEqual([
      'searchAlerts',
      'containHost',
      'deleteMessage',
      'tagTree',
    ]);
    for (const tool of tools) {
      expect(tool.function.strict).toBe(true);
      expect(Object.keys(tool.function)).toEqual(['name', 'description', 'parameters', 'strict']);
    }
  });

  it('every exported schema satisfies the strict-mode rules, recursively', () => {
    for (const tool of toOpenAITools(strictTools)) {
      expect(openAIStrictViolations(tool.function.parameters), tool.function.name).toEqual([]);
    }
  });

  it('makes optional fields required and nullable, and drops unsupported keywords', () => {
    const [tool] = toOpenAITools([searchAlerts]);
    expect(tool!.function.parameters).toEqual({
      type: 'object',
      properties: {
        query: { description: 'Free-text query', type: 'string' },
        severity: { type: ['string', 'null'], enum: ['low', 'medium', 'high', 'critical', null] },
        limit: { type: ['integer', 'null'], minimum: 1, maximum: 500 },
        window: {
          description: 'Time window',
          type: 'object',
          properties: {
            from: { type: 'string', format: 'date-time' },
            to: { type: ['string', 'null'], format: 'date-time' },
          },
          required: ['from', 'to'],
          additionalProperties: false,
        },
        entities: {
          anyOf: [
            {
              type: 'array',
              maxItems: 20,
              items: {
                type: 'object',
                properties: {
                  kind: { type: 'string', enum: ['ip', 'domain', 'user'] },
                  value: { type: 'string' },
                  note: { type: ['string', 'null'] },
                },
                required: ['kind', 'value', 'note'],
                additionalProperties: false,
              },
            },
            { type: 'null' },
          ],
        },
        includeClosed: { type: ['boolean', 'null'] },
      },
      required: ['query', 'severity', 'limit', 'window', 'entities', 'includeClosed'],
      additionalProperties: false,
    });
  });

  it('turns discriminated unions into anyOf with enum discriminators, keeping user patterns', () => {
    const [tool] = toOpenAITools([containHost]);
    const target = (tool!.function.parameters.properties as Record<string, { anyOf: unknown[] }>).target!;
    expect(target.anyOf).toEqual([
      {
        type: 'object',
        properties: { by: { type: 'string', enum: ['hostname'] }, hostname: { type: 'string' } },
        required: ['by', 'hostname'],
        additionalProperties: false,
      },
      {
        type: 'object',
        properties: {
          by: { type: 'string', enum: ['deviceId'] },
          deviceId: { type: 'string', pattern: '^[a-f0-9]{32}$' },
          reason: { type: ['string', 'null'] },
        },
        required: ['by', 'deviceId', 'reason'],
        additionalProperties: false,
      },
    ]);
    expect(tool!.function.parameters.properties).toMatchObject({ comment: { type: ['string', 'null'] } });
  });

  it('keeps recursive schemas as $ref into strict $defs', () => {
    const [tool] = toOpenAITools([tagTree]);
    const parameters = tool!.function.parameters;
    expect(parameters.properties).toEqual({ root: { $ref: '#/$defs/__schema0' } });
    expect(parameters.$defs).toEqual({
      __schema0: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          children: { anyOf: [{ type: 'array', items: { $ref: '#/$defs/__schema0' } }, { type: 'null' }] },
        },
        required: ['name', 'children'],
        additionalProperties: false,
      },
    });
  });

  it('refuses what strict mode cannot express, naming the tool and path', () => {
    const refusal = (tool: Parameters<typeof toOpenAITools>[0]) => {
      try {
        toOpenAITools(tool);
      } catch (error) {
        if (ToolExportError.isInstance(error)) return error;
        throw error;
      }
      throw new Error('expected a ToolExportError');
    };
    expect(refusal([setLabels])).toMatchObject({ tool: 'setLabels', path: 'properties.labels' });
    expect(refusal([setLabels]).message).toMatch(/propertyNames|free-form keys/);
    expect(refusal([rawQuery])).toMatchObject({ tool: 'rawQuery', path: 'properties.parameters' });
    expect(refusal([echoText]).message).toMatch(/object input schema/);
    const tuple = defineTool({
      name: 'pair',
      description: 'Takes a pair of values.',
      input: z.object({ pair: z.tuple([z.string(), z.number()]) }),
      output: z.object({}),
      risk: 'read',
      idempotent: true,
      execute: async () => ({}),
    });
    expect(refusal([tuple]).path).toBe('properties.pair');
  });

  it('can fall back to strict: false for tools strict mode cannot express', () => {
    const tools = toOpenAITools([searchAlerts, setLabels], { fallback: 'non-strict' });
    expect(tools.map((tool) => tool.function.strict)).toEqual([true, false]);
    expect(tools[1]!.function.parameters).toMatchObject({ properties: { labels: { additionalProperties: {} } } });
  });

  it('merges allOf objects and drops repeated patterns', () => {
    const schema = toOpenAIStrictSchema({
      type: 'object',
      properties: {
        both: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { type: 'object', properties: { b: { type: 'number' } } },
          ],
        },
        code: { type: 'string', pattern: '^a', allOf: [{ pattern: 'b$' }] },
      },
      required: ['both', 'code'],
    });
    expect(schema.properties).toEqual({
      both: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: ['number', 'null'] } },
        required: ['a', 'b'],
        additionalProperties: false,
      },
      code: { type: 'string', pattern: '^a' },
    });
    expect(openAIStrictViolations(schema)).toEqual([]);
  });

  it('splits multi-type unions into anyOf', () => {
    const schema = toOpenAIStrictSchema({
      type: 'object',
      properties: { id: { type: ['string', 'integer'], minimum: 1 } },
      required: ['id'],
    });
    expect(schema.properties).toEqual({ id: { anyOf: [{ type: 'string' }, { type: 'integer', minimum: 1 }] } });
  });

  it('enforces the size limits', () => {
    const many = Object.fromEntries(Array.from({ length: 5001 }, (_, index) => [`p${index}`, { type: 'string' }]));
    expect(() => toOpenAIStrictSchema({ type: 'object', properties: many })).toThrow(/5000 properties/);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 11; level++) deep = { type: 'object', properties: { next: deep }, required: ['next'] };
    expect(() => toOpenAIStrictSchema(deep)).toThrow(/nested deeper/);
    const values = Array.from({ length: 1001 }, (_, index) => `v${index}`);
    expect(() =>
      toOpenAIStrictSchema({ type: 'object', properties: { e: { type: 'string', enum: values } }, required: ['e'] }),
    ).toThrow(/1000 enum values/);
  });
});

describe('openAIStrictViolations', () => {
  it('finds each rule a schema breaks', () => {
    expect(
      openAIStrictViolations({
        type: 'object',
        properties: {
          a: { type: 'string', minLength: 1, format: 'uri' },
          b: { type: 'object', properties: { c: { type: 'number' } } },
          d: {},
          e: { type: 'array' },
          f: { type: ['string', 'null'], enum: ['x'] },
        },
        required: ['a', 'b', 'd', 'e', 'f', 'g'],
      }),
    ).toEqual([
      '(root): additionalProperties must be false',
      '(root): required "g" is not a property',
      'properties.a: keyword "minLength" is not supported',
      'properties.a: format "uri" is not supported',
      'properties.b: additionalProperties must be false',
      'properties.b: property "c" is not in required',
      'properties.d: no type',
      'properties.e: array without items',
      'properties.f: nullable enum without null among its values',
    ]);
    expect(openAIStrictViolations({ anyOf: [{ type: 'object' }] })).toContain('(root): the root may not be anyOf');
    expect(openAIStrictViolations({ type: 'string' })).toContain('(root): the root must be an object');
  });
});

describe('fromStrictArguments', () => {
  it('removes nulls that stand for absent optional fields, keeping meaningful nulls', async () => {
    const strictArguments = {
      query: 'login',
      severity: null,
      limit: null,
      window: { from: '2026-11-27T09:00:00Z', to: null },
      entities: [{ kind: 'ip', value: '10.0.0.1', note: null }],
      includeClosed: null,
    };
    const restored = fromStrictArguments(searchAlerts, strictArguments);
    expect(restored).toEqual({
      query: 'login',
      window: { from: '2026-11-27T09:00:00Z' },
      entities: [{ kind: 'ip', value: '10.0.0.1', note: null }],
      includeClosed: null,
    });
    // The tool's own validation then applies defaults.
    expect(searchAlerts.input.parse(restored)).toMatchObject({ limit: 50 });
    await expect(searchAlerts(restored as z.input<typeof searchAlerts.input>)).resolves.toEqual({ alerts: [] });
  });

  it('does not change its input', () => {
    const strictArguments = { query: 'x', severity: null, window: { from: '2026-11-27T09:00:00Z', to: null } };
    const copy = structuredClone(strictArguments);
    fromStrictArguments(searchAlerts, strictArguments);
    expect(strictArguments).toEqual(copy);
  });

  it('picks the union branch the arguments match', () => {
    expect(
      fromStrictArguments(containHost, {
        target: { by: 'deviceId', deviceId: 'a'.repeat(32), reason: null },
        comment: null,
      }),
    ).toEqual({ target: { by: 'deviceId', deviceId: 'a'.repeat(32) } });
  });

  it('follows recursive references', () => {
    expect(
      fromStrictArguments(tagTree, {
        root: {
          name: 'a',
          children: [
            { name: 'b', children: null },
            { name: 'c', children: [] },
          ],
        },
      }),
    ).toEqual({ root: { name: 'a', children: [{ name: 'b' }, { name: 'c', children: [] }] } });
  });

  it('works from the original JSON Schema as well as from the tool', () => {
    const original = { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['a'] };
    expect(fromStrictArgumentsWithSchema(original, { a: 'x', b: null })).toEqual({ a: 'x' });
  });

  it('leaves values it cannot place alone', () => {
    expect(fromStrictArguments(searchAlerts, 'not an object')).toBe('not an object');
    expect(fromStrictArguments(searchAlerts, { unknown: null })).toEqual({ unknown: null });
  });
});

/** A random zod object schema, a valid input for it, and what a strict-mode model would send instead. */
type Spec =
  | { kind: 'string' | 'number' | 'integer' | 'boolean' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'array'; item: Spec }
  | { kind: 'object'; fields: Field[] };
interface Field {
  name: string;
  spec: Spec;
  optional: boolean;
  nullable: boolean;
  defaulted: boolean;
}

const specs = fc.letrec<{ spec: Spec; object: Spec }>((tie) => ({
  spec: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Spec>({ kind: 'string' }, { kind: 'number' }, { kind: 'integer' }, { kind: 'boolean' }),
    fc
      .uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 })
      .map((values): Spec => ({ kind: 'enum', values })),
    tie('spec').map((item): Spec => ({ kind: 'array', item })),
    tie('object'),
  ),
  object: fc
    .uniqueArray(
      fc.record({
        name: fc.stringMatching(/^[a-z][a-zA-Z]{0,7}$/),
        spec: tie('spec'),
        optional: fc.boolean(),
        nullable: fc.boolean(),
        defaulted: fc.boolean(),
      }),
      { maxLength: 5, selector: (field) => field.name },
    )
    .map((fields): Spec => ({ kind: 'object', fields })),
}));

function toZod(spec: Spec): z.ZodType {
  switch (spec.kind) {
    case 'string':
      return z.string().min(1);
    case 'number':
      return z.number();
    case 'integer':
      return z.number().int();
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(spec.values as [string, ...string[]]);
    case 'array':
      return z.array(toZod(spec.item));
    case 'object':
      return z.object(
        Object.fromEntries(
          spec.fields.map((field) => {
            let schema = toZod(field.spec);
            if (field.nullable) schema = schema.nullable();
            if (field.defaulted && !field.nullable) schema = schema.default(sample(field.spec) as never);
            else if (field.optional) schema = schema.optional();
            return [field.name, schema];
          }),
        ),
      );
  }
}

/** A fixed valid value of a spec (used as the default). */
function sample(spec: Spec): unknown {
  switch (spec.kind) {
    case 'string':
      return 'x';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'enum':
      return spec.values[0];
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(
        spec.fields
          .filter((field) => !field.optional && !field.defaulted)
          .map((field) => [field.name, field.nullable ? null : sample(field.spec)]),
      );
  }
}

/** Random (original input, strict-mode arguments) pairs for a spec. */
function values(spec: Spec): fc.Arbitrary<{ original: unknown; strict: unknown }> {
  const same = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((value) => ({ original: value, strict: value }));
  switch (spec.kind) {
    case 'string':
      return same(fc.string({ minLength: 1, maxLength: 5 }));
    case 'number':
      return same(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'integer':
      return same(fc.integer());
    case 'boolean':
      return same(fc.boolean());
    case 'enum':
      return same(fc.constantFrom(...spec.values));
    case 'array':
      return fc.array(values(spec.item), { maxLength: 3 }).map((items) => ({
        original: items.map((item) => item.original),
        strict: items.map((item) => item.strict),
      }));
    case 'object':
      return fc
        .tuple(
          ...spec.fields.map((field) => {
            const canBeAbsent = (field.optional || (field.defaulted && !field.nullable)) && !field.nullable;
            const present = values(field.spec);
            const choices: fc.Arbitrary<{ original: unknown; strict: unknown } | 'absent'>[] = [present];
            if (field.nullable) choices.push(fc.constant({ original: null, strict: null }));
            if (canBeAbsent) choices.push(fc.constant('absent' as const));
            return fc.oneof(...choices);
          }),
        )
        .map((fieldValues) => {
          const original: Record<string, unknown> = {};
          const strict: Record<string, unknown> = {};
          spec.fields.forEach((field, index) => {
            const value = fieldValues[index]!;
            if (value === 'absent') {
              // A strict-mode model cannot leave a field out; it sends null.
              strict[field.name] = null;
              return;
            }
            original[field.name] = value.original;
            strict[field.name] = value.strict;
          });
          return { original, strict };
        });
  }
}

describe('strict-mode export properties', () => {
  it('any object schema exports without violations, and strict arguments restore to the original input', () => {
    fc.assert(
      fc.property(
        specs.object.chain((spec) => fc.tuple(fc.constant(spec), values(spec))),
        ([spec, { original, strict }]) => {
          const input = toZod(spec);
          const tool = defineTool({
            name: 'generated',
            description: 'A generated tool for property tests.',
            input,
            output: z.unknown(),
            risk: 'read',
            idempotent: true,
            execute: async () => null,
          });
          const [exported] = toOpenAITools([tool]);
          expect(openAIStrictViolations(exported!.function.parameters)).toEqual([]);
          const restored = fromStrictArguments(tool, strict);
          expect(restored).toEqual(original);
          expect(input.safeParse(restored).success).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
