import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { ToolExportError, toJsonSchema, toolTitle, uniqueTools } from './exporters.js';
import { toAnthropicTools } from './exporters-anthropic.js';
import { containHost, deleteMessage, echoText, scheduleScan, searchAlerts, tagTree } from './exporters-fixtures.js';
import { toMcpTools } from './exporters-mcp.js';

describe('toJsonSchema', () => {
  it('describes the input as a caller may send it (defaults make fields optional)', () => {
    const schema = toJsonSchema(searchAlerts);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['query', 'window', 'includeClosed']);
    expect(schema.properties).toMatchObject({
      query: { type: 'string', minLength: 1, description: 'Free-text query' },
      severity: { type: 'string', enum: ['low', 'medium', 'high', 'critical'] },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
      window: {
        type: 'object',
        description: 'Time window',
        properties: { from: { type: 'string', format: 'date-time' } },
        required: ['from'],
      },
      entities: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          properties: { kind: { enum: ['ip', 'domain', 'user'] } },
          required: ['kind', 'value'],
        },
      },
      includeClosed: { type: ['boolean', 'null'] },
    });
  });

  it('describes the output on request', () => {
    expect(toJsonSchema(searchAlerts, { io: 'output' })).toMatchObject({
      type: 'object',
      properties: { alerts: { type: 'array' } },
    });
  });

  it('throws a ToolExportError for schemas JSON Schema cannot represent', () => {
    expect(() => toJsonSchema(scheduleScan)).toThrow(ToolExportError);
    expect(() => toJsonSchema(scheduleScan)).toThrow(/scheduleScan.*no JSON Schema form/);
  });
});

describe('toAnthropicTools', () => {
  it('exports name, description and input_schema without the dialect marker', () => {
    const [tool] = toAnthropicTools({ searchAlerts });
    expect(Object.keys(tool!)).toEqual(['name', 'description', 'input_schema']);
    expect(tool!.name).toBe('searchAlerts');
    expect(tool!.description).toBe(searchAlerts.description);
    const { $schema: _dialect, ...expected } = toJsonSchema(searchAlerts);
    expect(tool!.input_schema).toEqual(expected);
  });

  it('accepts a tool set or an array, keeping order', () => {
    expect(toAnthropicTools([deleteMessage, containHost]).map((tool) => tool.name)).toEqual([
      'deleteMessage',
      'containHost',
    ]);
    expect(toAnthropicTools({ containHost, deleteMessage })).toHaveLength(2);
  });

  it('keeps recursive schemas as $ref', () => {
    const [tool] = toAnthropicTools([tagTree]);
    expect(JSON.stringify(tool!.input_schema)).toContain('"$ref"');
  });

  it('refuses non-object inputs and duplicate names', () => {
    expect(() => toAnthropicTools([echoText])).toThrow(/object input schema/);
    const twin = defineTool({ ...searchAlerts, execute: searchAlerts.execute });
    expect(() => toAnthropicTools([searchAlerts, twin])).toThrow(/two tools share this name/);
  });
});

describe('toMcpTools', () => {
  it('exports the MCP tool shape with annotations derived from risk', () => {
    const tools = toMcpTools({ searchAlerts, containHost, deleteMessage });
    expect(tools.map(({ name, title, annotations }) => ({ name, title, annotations }))).toEqual([
      {
        name: 'searchAlerts',
        title: 'Search alerts',
        annotations: { title: 'Search alerts', readOnlyHint: true, destructiveHint: false, idempotentHint: true },
      },
      {
        name: 'containHost',
        title: 'Contain host',
        annotations: { title: 'Contain host', readOnlyHint: false, destructiveHint: true, idempotentHint: true },
      },
      {
        name: 'deleteMessage',
        title: 'Delete message',
        annotations: { title: 'Delete message', readOnlyHint: false, destructiveHint: true, idempotentHint: false },
      },
    ]);
    expect(tools[0]!.inputSchema.type).toBe('object');
    expect(tools[0]!.inputSchema.$schema).toBeUndefined();
    expect(tools[0]!.outputSchema).toBeUndefined();
  });

  it('lists output schemas on request', () => {
    const [tool] = toMcpTools([searchAlerts], { outputSchema: true });
    expect(tool!.outputSchema).toMatchObject({ type: 'object', properties: { alerts: { type: 'array' } } });
  });
});

describe('helpers', () => {
  it('toolTitle turns names into sentence-case titles', () => {
    expect(toolTitle('suspendUser')).toBe('Suspend user');
    expect(toolTitle('get_case_timeline')).toBe('Get case timeline');
    expect(toolTitle('listIPs')).toBe('List IPs');
    expect(toolTitle('getURLReputation')).toBe('Get URL reputation');
    expect(toolTitle('x')).toBe('X');
  });

  it('uniqueTools copies the list', () => {
    const list = [searchAlerts];
    expect(uniqueTools(list)).not.toBe(list);
  });

  it('ToolExportError is a RampartError with the tool and path', () => {
    const error = new ToolExportError('t', 'properties.a', 'bad');
    expect(ToolExportError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Tool t cannot be exported: properties.a: bad');
    expect(ToolExportError.isInstance(new Error('x'))).toBe(false);
  });

  it('exported schemas are plain JSON', () => {
    const tools = toMcpTools([searchAlerts, containHost, tagTree]);
    expect(JSON.parse(JSON.stringify(tools))).toEqual(tools);
    expect(z.toJSONSchema).toBeTypeOf('function');
  });
});
