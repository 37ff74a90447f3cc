import { cleanDescription } from '../descriptions.js';
import { propertyKey } from '../naming.js';
import { type IntermediateSpec, type SchemaNode, schemaNameOf } from '../spec/intermediate.js';
import { isObjectLike, mergeObject, resolveSchema } from './schema-graph.js';
import { stringLiteral } from './source.js';

/**
 * Emits zod 4 source for intermediate schemas.
 *
 * - `output` (vendor responses): objects are `z.looseObject`, so fields the vendor adds later pass through, while a
 *   declared field of the wrong type fails. Enums and formats are not enforced (vendors add values and send
 *   non-canonical timestamps); absent and `null` are the same for optional fields. Named schemas are shared consts;
 *   a reference that closes a cycle is `z.lazy`.
 * - `input` (model tool calls): strict types, enums, formats and bounds, `.describe()` on every documented field,
 *   and named schemas inlined up to a depth cut (recursive inputs end in `z.unknown()`).
 */
export type SchemaMode = 'input' | 'output';

export interface ZodEmitterOptions {
  spec: IntermediateSpec;
  /** Const identifier of each named output schema. */
  identifiers: Map<string, string>;
}

const maxInputDepth = 6;
const indentUnit = '  ';

export class ZodEmitter {
  /** Named output schemas already emitted; a reference to any other is lazy. */
  private readonly emitted = new Set<string>();

  constructor(private readonly options: ZodEmitterOptions) {}

  markEmitted(name: string): void {
    this.emitted.add(name);
  }

  /** The zod expression of `node`. `indent` is the indentation of the line the expression starts on. */
  expression(node: SchemaNode, mode: SchemaMode, indent = '', inlineStack: string[] = []): string {
    let expression = this.base(node, mode, indent, inlineStack);
    if (node.nullable && !expression.endsWith('.nullable()') && expression !== 'z.unknown()') {
      expression += '.nullable()';
    }
    return expression;
  }

  /** An input field: described, optional unless required. */
  field(node: SchemaNode, required: boolean, indent: string, inlineStack: string[] = [], description?: string): string {
    let expression = this.expression(node, 'input', indent, inlineStack);
    // A fixed value (manifest `constants`) is filled in when left out, so the request always carries it.
    if (node.const !== undefined && node.default === node.const) expression += `.default(${literal(node.const)})`;
    else if (!required) expression += '.optional()';
    // Described last, so the field's own schema (what exporters and `shape.x.description` read) carries it.
    const text = describeField(description ?? node.description, node);
    return text ? `${expression}.describe(${stringLiteral(text)})` : expression;
  }

  private base(node: SchemaNode, mode: SchemaMode, indent: string, inlineStack: string[]): string {
    if (node.$ref !== undefined) return this.reference(node, mode, indent, inlineStack);
    if (node.const !== undefined) return `z.literal(${literal(node.const)})`;
    if (node.allOf) return this.allOf(node, mode, indent, inlineStack);
    const union = node.oneOf ?? node.anyOf;
    if (union) {
      const members = union.map((member) => this.expression(member, mode, indent, inlineStack));
      const unique = [...new Set(members)];
      return unique.length === 1 ? unique[0]! : `z.union([${unique.join(', ')}])`;
    }
    if (node.enum && mode === 'input') return enumExpression(node.enum);
    const types: string[] = Array.isArray(node.type) ? [...node.type] : node.type === undefined ? [] : [node.type];
    if (types.length === 0 && node.enum) types.push(...enumTypes(node.enum));
    if (types.length > 1) {
      const members = types.map((type) => this.typed(node, type, mode, indent, inlineStack));
      return `z.union([${members.join(', ')}])`;
    }
    if (types.length === 0) return 'z.unknown()';
    return this.typed(node, types[0]!, mode, indent, inlineStack);
  }

  private reference(node: SchemaNode, mode: SchemaMode, indent: string, inlineStack: string[]): string {
    const name = schemaNameOf(node.$ref!);
    if (mode === 'output') {
      const identifier = this.options.identifiers.get(name);
      if (identifier === undefined) throw new Error(`No identifier for output schema ${name}`);
      return this.emitted.has(name) ? identifier : `z.lazy((): z.ZodType => ${identifier})`;
    }
    if (inlineStack.includes(name) || inlineStack.length >= maxInputDepth) return 'z.unknown()';
    const target = this.options.spec.schemas[name];
    if (!target) return 'z.unknown()';
    return this.expression(target, mode, indent, [...inlineStack, name]);
  }

  private allOf(node: SchemaNode, mode: SchemaMode, indent: string, inlineStack: string[]): string {
    const { spec } = this.options;
    if (isObjectLike(spec, node)) {
      return this.object(mergeObject(spec, node), mode, indent, inlineStack);
    }
    const { allOf, ...own } = node;
    const parts = [...allOf!];
    if (own.properties || own.type) parts.push(own);
    const members = parts.map((part) => this.expression(part, mode, indent, inlineStack));
    return members.reduce((left, right) => `z.intersection(${left}, ${right})`);
  }

  private typed(node: SchemaNode, type: string, mode: SchemaMode, indent: string, inlineStack: string[]): string {
    switch (type) {
      case 'string':
        return mode === 'input' ? inputString(node) : 'z.string()';
      case 'integer':
        return mode === 'input' ? `z.number().int()${bounds(node, 'minimum', 'maximum')}` : 'z.number()';
      case 'number':
        return mode === 'input' ? `z.number()${bounds(node, 'minimum', 'maximum')}` : 'z.number()';
      case 'boolean':
        return 'z.boolean()';
      case 'null':
        return 'z.null()';
      case 'array': {
        const items = node.items ? this.expression(node.items, mode, indent, inlineStack) : 'z.unknown()';
        return `z.array(${items})${mode === 'input' ? bounds(node, 'minItems', 'maxItems') : ''}`;
      }
      case 'object':
        return this.object(node, mode, indent, inlineStack);
      default:
        return 'z.unknown()';
    }
  }

  private object(node: SchemaNode, mode: SchemaMode, indent: string, inlineStack: string[]): string {
    const additional = node.additionalProperties;
    const properties = Object.entries(node.properties ?? {}).filter(([, property]) =>
      mode === 'input' ? !property.readOnly : !property.writeOnly,
    );
    const catchall =
      typeof additional === 'object' ? this.expression(additional, mode, indent, inlineStack) : undefined;
    if (properties.length === 0) {
      if (additional === false && node.properties !== undefined)
        return mode === 'input' ? 'z.object({})' : 'z.looseObject({})';
      return `z.record(z.string(), ${catchall ?? 'z.unknown()'})`;
    }
    const required = new Set(node.required ?? []);
    const inner = indent + indentUnit;
    const lines = properties.map(([key, property]) => {
      const isRequired = required.has(key);
      const value =
        mode === 'input'
          ? this.field(property, isRequired, inner, inlineStack)
          : outputProperty(this.expression(property, mode, inner, inlineStack), isRequired);
      return `${inner}${propertyKey(key)}: ${value},`;
    });
    const factory = mode === 'output' ? 'z.looseObject' : additional === true ? 'z.looseObject' : 'z.object';
    const body = `${factory}({\n${lines.join('\n')}\n${indent}})`;
    if (catchall !== undefined) return `${body.replace(/^z\.looseObject/, 'z.object')}.catchall(${catchall})`;
    return body;
  }
}

function outputProperty(expression: string, required: boolean): string {
  if (required) return expression;
  // zod 4 treats a z.unknown() key as present-but-any; optional fields must say so.
  if (expression === 'z.unknown()') return `${expression}.optional()`;
  if (expression.endsWith('.nullable()')) return `${expression.slice(0, -'.nullable()'.length)}.nullish()`;
  return `${expression}.nullish()`;
}

function literal(value: unknown): string {
  return typeof value === 'string' ? stringLiteral(value) : (JSON.stringify(value) ?? 'undefined');
}

function enumTypes(values: unknown[]): string[] {
  const types = new Set<string>();
  for (const value of values) {
    if (typeof value === 'string') types.add('string');
    else if (typeof value === 'number') types.add(Number.isInteger(value) ? 'integer' : 'number');
    else if (typeof value === 'boolean') types.add('boolean');
  }
  return types.has('number') ? [...types].filter((type) => type !== 'integer') : [...types];
}

function enumExpression(values: unknown[]): string {
  const unique = [...new Set(values.map(literal))];
  if (values.every((value) => typeof value === 'string')) return `z.enum([${unique.join(', ')}])`;
  const literals = unique.map((value) => `z.literal(${value})`);
  return literals.length === 1 ? literals[0]! : `z.union([${literals.join(', ')}])`;
}

const stringFormats: Record<string, string> = {
  email: 'z.email()',
  // z.guid accepts any 8-4-4-4-12 hex id; vendors mint ids that are not RFC 9562 UUIDs.
  uuid: 'z.guid()',
  'date-time': 'z.iso.datetime({ offset: true })',
  date: 'z.iso.date()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
  uri: 'z.url()',
  url: 'z.url()',
};

function inputString(node: SchemaNode): string {
  const base = (node.format !== undefined ? stringFormats[node.format] : undefined) ?? 'z.string()';
  let expression = base + bounds(node, 'minLength', 'maxLength');
  if (node.pattern !== undefined && isPortablePattern(node.pattern)) {
    const flags = patternFlags(node.pattern);
    expression += `.regex(new RegExp(${stringLiteral(node.pattern)}${flags ? `, ${stringLiteral(flags)}` : ''}))`;
  }
  return expression;
}

/** `\p{L}` is a Unicode property only with the `u` flag; without it, it would match the text `p{L}`. */
const unicodePropertyEscape = /\\[pP]\{/;
/** A property escape whose braces were escaped (`\p\{L\}`): a pattern mangled for another engine. */
const mangledPropertyEscape = /\\[pP]\\\{/;

function patternFlags(pattern: string): string {
  return unicodePropertyEscape.test(pattern) ? 'u' : '';
}

/** The pattern as JavaScript reads it (with `u` when it uses Unicode properties), or undefined when it does not. */
export function patternRegExp(pattern: string): RegExp | undefined {
  if (mangledPropertyEscape.test(pattern)) return undefined;
  try {
    return new RegExp(pattern, patternFlags(pattern));
  } catch {
    return undefined;
  }
}

/** Vendor patterns are sometimes written for other regex engines; only patterns JavaScript reads are enforced. */
export function isPortablePattern(pattern: string): boolean {
  return patternRegExp(pattern) !== undefined;
}

function bounds(node: SchemaNode, lower: keyof SchemaNode, upper: keyof SchemaNode): string {
  let out = '';
  if (typeof node[lower] === 'number') out += `.min(${node[lower]})`;
  if (typeof node[upper] === 'number') out += `.max(${node[upper]})`;
  return out;
}

/** The field description a model reads: the vendor's words, cleaned, plus the default when there is one. */
function describeField(description: string | undefined, node: SchemaNode): string {
  let text = cleanDescription(description, 300);
  if (node.default !== undefined && !/\bdefault/i.test(text)) {
    const value = typeof node.default === 'string' ? node.default : JSON.stringify(node.default);
    text = `${text}${text ? ' ' : ''}Default: ${value}.`;
  }
  return text;
}

/** Everything an input field's schema needs from the spec, for flattening request bodies. */
export function objectProperties(
  spec: IntermediateSpec,
  node: SchemaNode,
): { properties: Record<string, SchemaNode>; required: string[] } | undefined {
  if (!isObjectLike(spec, node)) return undefined;
  const merged = mergeObject(spec, resolveSchema(spec, node));
  if (typeof merged.additionalProperties === 'object' || merged.additionalProperties === true) return undefined;
  return { properties: merged.properties ?? {}, required: merged.required ?? [] };
}
