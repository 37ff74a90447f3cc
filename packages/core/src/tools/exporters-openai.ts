import type { JsonSchema } from '../models/model-adapter.js';
import type { AnyTool } from './define-tool.js';
import { modelInputSchema, ToolExportError, type ToolsInput, uniqueTools } from './exporters.js';

/**
 * OpenAI Chat Completions tools in strict mode ("Structured Outputs" for function calling). Strict mode
 * accepts a subset of JSON Schema and constrains decoding to it, so arguments always parse. Its rules
 * (platform.openai.com/docs/guides/structured-outputs, "Supported schemas"):
 * - the root is an object, not `anyOf`;
 * - every object has `additionalProperties: false` and lists every property in `required`, so an optional
 *   field is expressed as required-but-nullable;
 * - supported types: string, number, integer, boolean, object, array, null, enum, `anyOf`; `$ref`/`$defs`
 *   (including recursion);
 * - supported constraints: string `pattern` and `format` (date-time, time, date, duration, email, hostname,
 *   ipv4, ipv6, uuid), number `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum`/`multipleOf`, array
 *   `minItems`/`maxItems`; other keywords (`default`, `minLength`, `allOf`, `not`, `if`, `patternProperties`,
 *   `propertyNames`, `prefixItems`, `uniqueItems` ...) are rejected;
 * - at most 5000 properties in total, 10 levels of nesting and 1000 enum values.
 * `toOpenAIStrictSchema` rewrites a schema into that subset: constraints strict mode cannot express are
 * dropped (the tool's zod schema still checks them when the call runs), and constructs it cannot express at
 * all (free-form maps, `unknown` values, tuples) raise a `ToolExportError`.
 */

/** A tool as the Chat Completions API takes it in `tools`. */
export interface OpenAITool {
  type: 'function';
  function: {
    name: string;
    description: string;
    parameters: JsonSchema;
    strict: boolean;
  };
}

export interface OpenAIToolsOptions {
  /**
   * What to do with a tool whose input cannot be expressed in strict mode: `throw` a `ToolExportError`
   * (default), or `non-strict`: export that tool with `strict: false` and its plain schema.
   */
  fallback?: 'throw' | 'non-strict';
}

export const openAIStrictLimits = { maxProperties: 5000, maxNesting: 10, maxEnumValues: 1000 } as const;

const supportedFormats = new Set([
  'date-time',
  'time',
  'date',
  'duration',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'uuid',
]);
const numberKeywords = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;
const unsupportedKeywords = [
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'prefixItems',
  'contains',
] as const;
const primitiveTypes = new Set(['string', 'number', 'integer', 'boolean', 'null']);

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function joinPath(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}

/** True when `node` (of the original, non-strict schema) lets `null` through. */
function acceptsNull(node: unknown, root: Node): boolean {
  if (!isNode(node)) return node === true;
  if (Object.keys(node).every((key) => key === 'description' || key === 'title')) return true;
  const type = node.type;
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  if (Array.isArray(node.enum) && node.enum.includes(null)) return true;
  if ('const' in node && node.const === null) return true;
  const branches = (node.anyOf ?? node.oneOf) as unknown[] | undefined;
  if (Array.isArray(branches)) return branches.some((branch) => acceptsNull(branch, root));
  if (typeof node.$ref === 'string') {
    const target = resolveRef(node.$ref, root);
    return target !== undefined && acceptsNull(target, root);
  }
  return false;
}

function resolveRef(reference: string, root: Node): Node | undefined {
  if (reference === '#') return root;
  const prefix = reference.startsWith('#/$defs/')
    ? '#/$defs/'
    : reference.startsWith('#/definitions/')
      ? '#/definitions/'
      : null;
  if (prefix === null) return undefined;
  const definitions = (prefix === '#/$defs/' ? root.$defs : root.definitions) as Record<string, unknown> | undefined;
  const target =
    definitions?.[decodeURIComponent(reference.slice(prefix.length)).replaceAll('~1', '/').replaceAll('~0', '~')];
  return isNode(target) ? target : undefined;
}

class StrictConverter {
  private properties = 0;

  constructor(
    private readonly tool: string,
    private readonly root: Node,
  ) {}

  fail(path: string, reason: string): never {
    throw new ToolExportError(this.tool, path, `${reason} (not expressible in OpenAI strict mode)`);
  }

  convertRoot(): Node {
    if (this.root.type !== 'object' || 'anyOf' in this.root || 'oneOf' in this.root) {
      this.fail('', 'the root must be a plain object schema');
    }
    const converted = this.convert(this.root, '', 1);
    const definitions = (this.root.$defs ?? this.root.definitions) as Record<string, unknown> | undefined;
    if (definitions !== undefined) {
      const key = this.root.$defs !== undefined ? '$defs' : 'definitions';
      const convertedDefinitions: Record<string, unknown> = {};
      for (const [name, definition] of Object.entries(definitions)) {
        convertedDefinitions[name] = this.convert(definition, `${key}.${name}`, 1);
      }
      converted[key] = convertedDefinitions;
    }
    return converted;
  }

  convert(input: unknown, path: string, depth: number): Node {
    if (!isNode(input))
      this.fail(path, input === false ? 'a schema that accepts nothing' : 'a schema that accepts any value');
    const node = input;
    for (const keyword of unsupportedKeywords) {
      if (keyword in node) this.fail(path, `"${keyword}" is not supported`);
    }
    const out: Node = {};
    if (typeof node.title === 'string') out.title = node.title;
    if (typeof node.description === 'string') out.description = node.description;

    if (typeof node.$ref === 'string') {
      if (resolveRef(node.$ref, this.root) === undefined)
        this.fail(path, `"$ref" ${node.$ref} is not a local definition`);
      out.$ref = node.$ref;
      return out;
    }
    const branches = (node.anyOf ?? node.oneOf) as unknown;
    if (Array.isArray(branches)) {
      out.anyOf = branches.map((branch, index) => this.convert(branch, joinPath(path, `anyOf[${index}]`), depth));
      return out;
    }
    if (Array.isArray(node.allOf)) return { ...out, ...this.convert(this.mergeAllOf(node, path), path, depth) };

    let type = node.type;
    const values = 'const' in node ? [node.const] : Array.isArray(node.enum) ? node.enum : undefined;
    if (type === undefined && values !== undefined) type = inferType(values);
    if (type === undefined) {
      if ('properties' in node) type = 'object';
      else if ('items' in node) type = 'array';
      else this.fail(path, 'a schema without a type accepts any value');
    }
    if (Array.isArray(type)) {
      const nonNull = type.filter((member) => member !== 'null');
      if (nonNull.length <= 1 && nonNull.every((member) => primitiveTypes.has(member as string))) {
        Object.assign(out, this.convertTyped(node, nonNull[0] as string | undefined, path, depth));
        out.type = type.includes('null') && nonNull.length === 1 ? [nonNull[0], 'null'] : (nonNull[0] ?? 'null');
        if (values !== undefined) out.enum = this.enumValues(values, path);
        return out;
      }
      out.anyOf = type.map((member, index) => ({
        ...this.convertTyped(node, member as string, joinPath(path, `type[${index}]`), depth),
        type: member,
      }));
      return out;
    }
    Object.assign(out, this.convertTyped(node, type as string, path, depth));
    out.type = type;
    if (values !== undefined) out.enum = this.enumValues(values, path);
    return out;
  }

  private enumValues(values: unknown[], path: string): unknown[] {
    if (values.length > openAIStrictLimits.maxEnumValues) {
      this.fail(path, `more than ${openAIStrictLimits.maxEnumValues} enum values`);
    }
    return values;
  }

  private convertTyped(node: Node, type: string | undefined, path: string, depth: number): Node {
    const out: Node = {};
    switch (type) {
      case 'object':
        return this.convertObject(node, path, depth);
      case 'array': {
        if (node.items === undefined) this.fail(path, 'an array without an items schema');
        if (node.items === false) this.fail(path, 'a tuple');
        out.items = this.convert(node.items, joinPath(path, 'items'), depth);
        if (typeof node.minItems === 'number') out.minItems = node.minItems;
        if (typeof node.maxItems === 'number') out.maxItems = node.maxItems;
        return out;
      }
      case 'string': {
        const format = typeof node.format === 'string' ? node.format : undefined;
        if (format !== undefined && supportedFormats.has(format)) out.format = format;
        // zod adds its own pattern for each format; a format says the same thing in fewer tokens.
        else if (format === undefined && typeof node.pattern === 'string') out.pattern = node.pattern;
        return out;
      }
      case 'number':
      case 'integer':
        for (const keyword of numberKeywords) {
          const value = node[keyword];
          // zod bounds every integer by the safe-integer range; saying so to a model adds nothing.
          if (typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER) out[keyword] = value;
        }
        return out;
      case 'boolean':
      case 'null':
        return out;
      default:
        return this.fail(path, `type "${String(type)}" is not supported`);
    }
  }

  private convertObject(node: Node, path: string, depth: number): Node {
    if (depth > openAIStrictLimits.maxNesting) {
      this.fail(path, `objects nested deeper than ${openAIStrictLimits.maxNesting} levels`);
    }
    const additional = node.additionalProperties;
    const properties = (isNode(node.properties) ? node.properties : {}) as Record<string, unknown>;
    if (isNode(additional) && Object.keys(additional).length > 0) {
      this.fail(joinPath(path, 'additionalProperties'), 'an object with free-form keys (a record or catchall)');
    }
    if (node.properties === undefined && additional !== false) {
      this.fail(path, 'an object without declared properties accepts any keys');
    }
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    const convertedProperties: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(properties)) {
      this.properties++;
      if (this.properties > openAIStrictLimits.maxProperties) {
        this.fail(path, `more than ${openAIStrictLimits.maxProperties} properties in total`);
      }
      const converted = this.convert(schema, joinPath(path, `properties.${name}`), depth + 1);
      convertedProperties[name] =
        required.has(name) || acceptsNull(schema, this.root) ? converted : nullable(converted);
    }
    return {
      type: 'object',
      properties: convertedProperties,
      required: Object.keys(convertedProperties),
      additionalProperties: false,
    };
  }

  /** Folds `allOf` into its parent: objects merge, extra string patterns (zod's repeated `.regex`) drop. */
  private mergeAllOf(node: Node, path: string): Node {
    const { allOf, ...base } = node;
    const merged: Node = { ...base };
    for (const [index, member] of (allOf as unknown[]).entries()) {
      if (!isNode(member)) this.fail(joinPath(path, `allOf[${index}]`), 'a boolean schema in allOf');
      const keys = Object.keys(member);
      if (keys.every((key) => key === 'pattern' || key === 'description')) {
        if (merged.pattern === undefined) merged.pattern = member.pattern;
        continue;
      }
      if (member.type === 'object' || isNode(member.properties)) {
        if (merged.type !== undefined && merged.type !== 'object') {
          this.fail(joinPath(path, `allOf[${index}]`), 'allOf of an object and a non-object');
        }
        merged.type = 'object';
        merged.properties = { ...(merged.properties as Node | undefined), ...(member.properties as Node | undefined) };
        const required = new Set([...((merged.required as string[]) ?? []), ...((member.required as string[]) ?? [])]);
        merged.required = [...required];
        continue;
      }
      this.fail(joinPath(path, `allOf[${index}]`), 'allOf that is not a merge of objects');
    }
    return merged;
  }
}

function inferType(values: unknown[]): string | undefined {
  const types = new Set(values.map((value) => (value === null ? 'null' : typeof value)));
  types.delete('null');
  if (types.size !== 1) return undefined;
  const [only] = types;
  return only === 'string' || only === 'number' || only === 'boolean' ? only : undefined;
}

/** Makes a converted node also accept `null`: a type union for primitives, `anyOf` for everything else. */
function nullable(node: Node): Node {
  const type = node.type;
  if (typeof type === 'string' && type !== 'object' && type !== 'array') {
    const out: Node = { ...node, type: [type, 'null'] };
    if (Array.isArray(node.enum)) out.enum = [...node.enum, null];
    return out;
  }
  const { description, title, ...rest } = node;
  const out: Node = {};
  if (title !== undefined) out.title = title;
  if (description !== undefined) out.description = description;
  out.anyOf =
    Array.isArray(rest.anyOf) && Object.keys(rest).length === 1
      ? [...rest.anyOf, { type: 'null' }]
      : [rest, { type: 'null' }];
  return out;
}

/**
 * Rewrites a JSON Schema into OpenAI's strict-mode subset (see the module comment). `tool` names the tool in
 * errors. Throws a `ToolExportError` naming the schema path that strict mode cannot express.
 */
export function toOpenAIStrictSchema(schema: JsonSchema, tool = 'schema'): JsonSchema {
  const { $schema: _dialect, ...root } = schema;
  return new StrictConverter(tool, root).convertRoot();
}

/**
 * Every way `schema` breaks OpenAI's strict-mode rules, as `path: problem` strings (empty when it complies).
 * An independent check of `toOpenAIStrictSchema`'s output, also useful in connector contract tests.
 */
export function openAIStrictViolations(schema: JsonSchema): string[] {
  const violations: string[] = [];
  let properties = 0;
  const allowed = new Set([
    'type',
    'description',
    'title',
    'properties',
    'required',
    'additionalProperties',
    'items',
    'enum',
    'anyOf',
    '$ref',
    '$defs',
    'definitions',
    'pattern',
    'format',
    'minItems',
    'maxItems',
    ...numberKeywords,
  ]);
  const visit = (node: unknown, path: string, depth: number, isRoot: boolean): void => {
    const where = path || '(root)';
    if (!isNode(node)) {
      violations.push(`${where}: a boolean schema`);
      return;
    }
    for (const key of Object.keys(node)) {
      if (!allowed.has(key)) violations.push(`${where}: keyword "${key}" is not supported`);
      if ((key === '$defs' || key === 'definitions') && !isRoot)
        violations.push(`${where}: definitions outside the root`);
    }
    if (typeof node.format === 'string' && !supportedFormats.has(node.format)) {
      violations.push(`${where}: format "${node.format}" is not supported`);
    }
    if (Array.isArray(node.enum) && node.enum.length > openAIStrictLimits.maxEnumValues) {
      violations.push(`${where}: more than ${openAIStrictLimits.maxEnumValues} enum values`);
    }
    if (typeof node.$ref === 'string') return;
    if (Array.isArray(node.anyOf)) {
      if (isRoot) violations.push(`${where}: the root may not be anyOf`);
      for (const [index, branch] of node.anyOf.entries())
        visit(branch, joinPath(path, `anyOf[${index}]`), depth, false);
      return;
    }
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (node.type === undefined) violations.push(`${where}: no type`);
    if (isRoot && node.type !== 'object') violations.push(`${where}: the root must be an object`);
    if (types.includes('object')) {
      if (depth > openAIStrictLimits.maxNesting)
        violations.push(`${where}: nested deeper than ${openAIStrictLimits.maxNesting}`);
      if (node.additionalProperties !== false) violations.push(`${where}: additionalProperties must be false`);
      const declared = isNode(node.properties) ? Object.keys(node.properties) : [];
      const required = Array.isArray(node.required) ? node.required : [];
      for (const name of declared) {
        if (!required.includes(name)) violations.push(`${where}: property "${name}" is not in required`);
      }
      for (const name of required) {
        if (!declared.includes(name)) violations.push(`${where}: required "${String(name)}" is not a property`);
      }
      for (const name of declared) {
        properties++;
        visit((node.properties as Node)[name], joinPath(path, `properties.${name}`), depth + 1, false);
      }
    }
    if (types.includes('array')) {
      if (node.items === undefined) violations.push(`${where}: array without items`);
      else visit(node.items, joinPath(path, 'items'), depth, false);
    }
    if (
      Array.isArray(node.enum) &&
      Array.isArray(node.type) &&
      node.type.includes('null') &&
      !node.enum.includes(null)
    ) {
      violations.push(`${where}: nullable enum without null among its values`);
    }
  };
  visit(schema, '', 1, true);
  for (const key of ['$defs', 'definitions'] as const) {
    const definitions = schema[key];
    if (isNode(definitions)) {
      for (const [name, definition] of Object.entries(definitions)) visit(definition, `${key}.${name}`, 1, false);
    }
  }
  if (properties > openAIStrictLimits.maxProperties) {
    violations.push(`(root): ${properties} properties, more than ${openAIStrictLimits.maxProperties}`);
  }
  return violations;
}

/**
 * Exports tools for the OpenAI Chat Completions API in strict mode:
 * `{ type: 'function', function: { name, description, parameters, strict: true } }`. Optional fields become
 * required and nullable, so pass the model's arguments through `fromStrictArguments` before calling the
 * tool. See `OpenAIToolsOptions.fallback` for tools strict mode cannot express.
 */
export function toOpenAITools(tools: ToolsInput, options: OpenAIToolsOptions = {}): OpenAITool[] {
  return uniqueTools(tools).map((tool) => {
    const schema = modelInputSchema(tool);
    let parameters: JsonSchema;
    let strict = true;
    try {
      parameters = toOpenAIStrictSchema(schema, tool.name);
    } catch (error) {
      if (options.fallback !== 'non-strict' || !ToolExportError.isInstance(error)) throw error;
      parameters = schema;
      strict = false;
    }
    return { type: 'function', function: { name: tool.name, description: tool.description, parameters, strict } };
  });
}

/** Input schemas by tool, for `fromStrictArguments`; weakly held, so it lives only as long as the tools. */
const inputSchemas = new WeakMap<AnyTool, Node>();

function restore(value: unknown, schema: unknown, root: Node): unknown {
  if (!isNode(schema)) return value;
  let node = schema;
  if (typeof node.$ref === 'string') {
    const target = resolveRef(node.$ref, root);
    if (target === undefined) return value;
    node = target;
  }
  if (Array.isArray(value)) {
    const items = Array.isArray(node.anyOf) ? pickArrayBranch(node.anyOf) : node.items;
    return items === undefined ? value : value.map((item) => restore(item, items, root));
  }
  if (!isNode(value)) return value;
  const objectNode = Array.isArray(node.anyOf ?? node.oneOf)
    ? pickObjectBranch(value, (node.anyOf ?? node.oneOf) as unknown[], root)
    : node;
  if (objectNode === undefined || !isNode(objectNode.properties)) return value;
  const properties = objectNode.properties;
  const required = Array.isArray(objectNode.required) ? (objectNode.required as string[]) : [];
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const fieldSchema = properties[key];
    if (field === null && fieldSchema !== undefined && !required.includes(key) && !acceptsNull(fieldSchema, root))
      continue;
    out[key] = fieldSchema === undefined ? field : restore(field, fieldSchema, root);
  }
  return out;
}

function pickArrayBranch(branches: unknown[]): unknown {
  const branch = branches.find((candidate) => isNode(candidate) && candidate.type === 'array');
  return isNode(branch) ? branch.items : undefined;
}

function pickObjectBranch(value: Node, branches: unknown[], root: Node): Node | undefined {
  const candidates = branches
    .map((branch) => (isNode(branch) && typeof branch.$ref === 'string' ? resolveRef(branch.$ref, root) : branch))
    .filter((branch): branch is Node => isNode(branch) && isNode(branch.properties));
  const keys = Object.keys(value);
  // The branch that declares every key the model sent; with a discriminator (`const`), the one it matches.
  return candidates.find((branch) => {
    const properties = branch.properties as Node;
    return keys.every((key) => {
      const property = properties[key];
      if (property === undefined) return false;
      return !(isNode(property) && 'const' in property && property.const !== value[key]);
    });
  });
}

/**
 * Converts arguments a model produced against a strict-mode schema back to the tool's own shape: a `null`
 * for a field that is optional and not nullable in the tool's input means "absent", so it is removed
 * (recursively, through nested objects, arrays, unions and `$ref`s). Returns a new value; run the tool's
 * own validation on the result as usual.
 */
export function fromStrictArguments(tool: AnyTool, args: unknown): unknown {
  let schema = inputSchemas.get(tool);
  if (schema === undefined) {
    schema = modelInputSchema(tool);
    inputSchemas.set(tool, schema);
  }
  return restore(args, schema, schema);
}

/**
 * `fromStrictArguments` for a caller that holds the tool's original (non-strict) input JSON Schema rather
 * than the `Tool`, such as a model adapter working from `ModelToolDescription`s.
 */
export function fromStrictArgumentsWithSchema(originalSchema: JsonSchema, args: unknown): unknown {
  return restore(args, originalSchema, originalSchema);
}
