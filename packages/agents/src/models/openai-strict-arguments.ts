import type { JsonSchema } from '@rampart/core';

/**
 * OpenAI's strict mode (`toOpenAIStrictSchema` in core) makes every property required, so an optional field
 * becomes required-but-nullable and the model sends `null` for "absent". `removeStrictNulls` takes those
 * `null`s out again, so the tool's own zod schema (where the field is optional) accepts the arguments.
 * Core's `fromStrictArguments` does the same from a `Tool`; an adapter only has the tool's description, so
 * this works from the original JSON Schema.
 */

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function allowsNull(schema: unknown, root: Node): boolean {
  if (!isNode(schema)) return schema === true;
  const resolved = resolveReference(schema, root);
  if (resolved !== schema) return allowsNull(resolved, root);
  // No constraint at all (`{}`, or only a description) accepts null like anything else.
  if (Object.keys(schema).every((key) => key === 'description' || key === 'title')) return true;
  const { type } = schema;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  if ('const' in schema && schema.const === null) return true;
  const branches = [schema.anyOf, schema.oneOf].filter(Array.isArray).flat();
  return branches.some((branch) => allowsNull(branch, root));
}

function resolveReference(schema: Node, root: Node): Node {
  const reference = schema.$ref;
  if (typeof reference !== 'string') return schema;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
  if (reference === '#') return root;
  if (!match) return schema;
  const definitions = root[match[1]!];
  const target = isNode(definitions) ? definitions[decodeURIComponent(match[2]!)] : undefined;
  return isNode(target) ? target : schema;
}

function removeNulls(schema: unknown, value: unknown, root: Node, depth: number): unknown {
  if (!isNode(schema) || depth > 64) return value;
  const resolved = resolveReference(schema, root);
  if (resolved !== schema) return removeNulls(resolved, value, root, depth + 1);
  if (Array.isArray(value)) {
    return isNode(schema.items) ? value.map((item) => removeNulls(schema.items, item, root, depth + 1)) : value;
  }
  if (!isNode(value)) return value;
  if (!isNode(schema.properties)) {
    const branch = [schema.anyOf, schema.oneOf]
      .filter(Array.isArray)
      .flat()
      .find((candidate) => isNode(candidate) && (candidate.type === 'object' || isNode(candidate.properties)));
    return branch ? removeNulls(branch, value, root, depth + 1) : value;
  }
  const properties = schema.properties;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const result: Node = {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (item === null && !required.has(key) && !allowsNull(property, root)) continue;
    result[key] = removeNulls(property, item, root, depth + 1);
  }
  return result;
}

/**
 * Drops the `null`s strict mode made the model send for properties that `schema` (the original, non-strict
 * schema) leaves optional and not nullable. Everything else is returned as it came.
 */
export function removeStrictNulls(schema: JsonSchema, value: unknown): unknown {
  return removeNulls(schema, value, schema, 0);
}
