import type { JsonSchema } from '@rampart/core';

/**
 * OpenAI's strict mode (Structured Outputs for function calls) guarantees arguments that match the schema,
 * but accepts only a subset of JSON Schema: every object closed (`additionalProperties: false`) with every
 * property required. An optional property becomes required-but-nullable, so the model sends `null` for it;
 * `removeStrictNulls` takes those `null`s out again so the tool's own schema (where the field is optional)
 * accepts the arguments.
 */

type Node = Record<string, unknown>;

// Keywords that change what is valid and that strict mode cannot express: such a tool is sent non-strict.
const inexpressible = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'prefixItems',
  'contains',
];
// Keywords strict mode rejects but whose loss only loosens what the model is told (the tool still validates).
const droppable = new Set([
  '$schema',
  '$id',
  'default',
  'examples',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'readOnly',
  'writeOnly',
  'deprecated',
  'contentEncoding',
  'contentMediaType',
]);

class Inexpressible extends Error {}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function allowsNull(schema: unknown, root: Node): boolean {
  if (!isNode(schema)) return schema === true;
  const resolved = resolveReference(schema, root);
  if (resolved !== schema) return allowsNull(resolved, root);
  const { type } = schema;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  if ('const' in schema && schema.const === null) return true;
  const branches = [schema.anyOf, schema.oneOf].filter(Array.isArray).flat();
  return branches.some((branch) => allowsNull(branch, root));
}

function nullable(schema: Node, root: Node): Node {
  if (allowsNull(schema, root)) return schema;
  const { type } = schema;
  // `["string", "null"]` is the form OpenAI documents; objects and arrays get the equally valid `anyOf`.
  const scalar = typeof type === 'string' && type !== 'object' && type !== 'array';
  if (scalar && !('enum' in schema) && !('const' in schema)) return { ...schema, type: [type, 'null'] };
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  return { anyOf: [schema, { type: 'null' }] };
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

function strict(schema: unknown, root: Node): Node {
  if (!isNode(schema)) throw new Inexpressible('boolean schema');
  for (const keyword of inexpressible) if (keyword in schema) throw new Inexpressible(keyword);
  const keys = Object.keys(schema).filter((key) => !droppable.has(key) && key !== 'description' && key !== 'title');
  // `{}` (any value) has no strict-mode equivalent.
  if (keys.length === 0) throw new Inexpressible('unconstrained value');

  const result: Node = {};
  for (const [key, value] of Object.entries(schema)) {
    if (droppable.has(key)) continue;
    switch (key) {
      case 'properties':
      case 'required':
      case 'additionalProperties':
        break;
      case 'items':
        result.items = strict(value, root);
        break;
      case 'anyOf':
      case 'oneOf':
        result.anyOf = [
          ...((result.anyOf as unknown[]) ?? []),
          ...(value as unknown[]).map((item) => strict(item, root)),
        ];
        break;
      case '$defs':
      case 'definitions':
        result[key] = Object.fromEntries(
          Object.entries(value as Node).map(([name, item]) => [name, strict(item, root)]),
        );
        break;
      default:
        result[key] = value;
    }
  }
  const isObject = schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'));
  if (isObject || isNode(schema.properties)) {
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
      throw new Inexpressible('open object');
    }
    const properties = isNode(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    result.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const converted = strict(property, root);
        return [name, required.has(name) ? converted : nullable(converted, root)];
      }),
    );
    result.required = Object.keys(properties);
    result.additionalProperties = false;
  }
  return result;
}

/** The strict-mode form of `schema`, or `undefined` when strict mode cannot express it. */
export function toStrictSchema(schema: JsonSchema): JsonSchema | undefined {
  if (schema.type !== 'object') return undefined;
  try {
    return strict(schema, schema);
  } catch (error) {
    if (error instanceof Inexpressible) return undefined;
    throw error;
  }
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
