import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec, SchemaNode } from '../spec/intermediate.js';
import { resolveSchema } from './schema-graph.js';
import { SampleGenerator } from './sample-data.js';

/** A valid input for a tool: every field, required and optional, with realistic values. */
export function sampleInput(spec: IntermediateSpec, tool: ToolPlan): Record<string, unknown> {
  const generator = new SampleGenerator(spec);
  const input: Record<string, unknown> = {};
  for (const field of tool.fields) {
    // Left out, so the contract test proves the connector fills the fixed value in on its own.
    if (field.constant !== undefined) continue;
    const value = generator.sample(field.schema, `${tool.name}.${field.name}`, field.wireName, 'input', 2);
    if (value !== undefined) input[field.name] = value;
  }
  return input;
}

/** A value of the wrong JSON type for a schema, so a contract test can check the error names the field. */
export function wrongTypeValue(spec: IntermediateSpec, schema: SchemaNode): unknown {
  const resolved = resolveSchema(spec, schema);
  if (resolved.const !== undefined) return typeof resolved.const === 'number' ? 'not-a-number' : 12345;
  if (resolved.oneOf || resolved.anyOf) return undefined;
  const types = Array.isArray(resolved.type) ? resolved.type : resolved.type ? [resolved.type] : [];
  if (types.length === 0 && resolved.enum) {
    return resolved.enum.every((value) => typeof value === 'string') ? 12345 : 'not-an-option';
  }
  if (types.length === 0 && (resolved.properties || resolved.allOf)) return 'not-an-object';
  if (types.length !== 1) return undefined;
  switch (types[0]) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'not-a-boolean';
    case 'array':
      return 'not-a-list';
    case 'object':
      return 'not-an-object';
    default:
      return undefined;
  }
}
