import { CodegenError } from '../errors.js';
import { type SchemaNode, type SchemaType, schemaRef } from './intermediate.js';
import type { ApiDocument } from './load-document.js';
import { isReference, namedSchemaOf, resolvePointer } from './refs.js';

const schemaTypes = new Set<SchemaType>(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

type RawSchema = Record<string, unknown>;

/**
 * Normalizes schemas of one vendor document into the intermediate form and collects the named schemas they use.
 * Named schemas (`#/components/schemas/X`, `#/definitions/X`) stay references, so recursive types stay finite;
 * any other `$ref` is inlined.
 */
export class SchemaNormalizer {
  /** Named schemas reached so far, by name, in the order they were first referenced. */
  readonly named = new Map<string, SchemaNode>();
  private readonly pending: Array<{ name: string; ref: string }> = [];
  private readonly inlining: string[] = [];

  constructor(private readonly document: ApiDocument) {}

  normalize(raw: unknown, where: string): SchemaNode {
    // `false` (nothing allowed) only appears in vendor specs by mistake; treat it like `true`.
    if (typeof raw === 'boolean' || raw === undefined) return {};
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new CodegenError(`Schema at ${where} is not an object`);
    }
    if (isReference(raw)) return this.reference(raw as RawSchema & { $ref: string }, where);
    return this.normalizeObject(raw as RawSchema, where);
  }

  /** Normalizes every named schema reached (transitively) and returns them sorted by name. */
  drainNamed(): Record<string, SchemaNode> {
    while (this.pending.length > 0) {
      const next = this.pending.shift()!;
      const raw = resolvePointer(this.document, next.ref);
      this.named.set(next.name, this.normalize(raw, next.ref));
    }
    const sorted: Record<string, SchemaNode> = {};
    for (const name of [...this.named.keys()].sort()) sorted[name] = this.named.get(name)!;
    return sorted;
  }

  private reference(raw: RawSchema & { $ref: string }, where: string): SchemaNode {
    const name = namedSchemaOf(raw.$ref);
    let node: SchemaNode;
    if (name !== undefined) {
      if (!this.named.has(name)) {
        // Reserve the name now so a recursive reference does not queue it twice.
        this.named.set(name, {});
        this.pending.push({ name, ref: raw.$ref });
      }
      node = { $ref: schemaRef(name) };
    } else {
      if (this.inlining.includes(raw.$ref)) {
        // A cycle through schemas that are not named: cut it here, the value is still accepted as unknown.
        return {};
      }
      this.inlining.push(raw.$ref);
      try {
        node = this.normalize(resolvePointer(this.document, raw.$ref), `${where} -> ${raw.$ref}`);
      } finally {
        this.inlining.pop();
      }
    }
    // OpenAPI 3.1 allows siblings next to $ref; the ones that change validation or documentation are kept.
    const nullable = raw.nullable === true || raw['x-nullable'] === true;
    if (nullable) node = { ...node, nullable: true };
    if (typeof raw.description === 'string' && raw.description.trim() !== '') {
      node = { ...node, description: raw.description };
    }
    return node;
  }

  private normalizeObject(raw: RawSchema, where: string): SchemaNode {
    const node: SchemaNode = {};
    let nullable = raw.nullable === true || raw['x-nullable'] === true;

    let types: SchemaType[] = [];
    const rawType = raw.type;
    for (const type of Array.isArray(rawType) ? rawType : rawType === undefined ? [] : [rawType]) {
      if (type === 'file') types.push('string');
      else if (schemaTypes.has(type as SchemaType)) types.push(type as SchemaType);
      else throw new CodegenError(`Schema at ${where} has unknown type ${JSON.stringify(type)}`);
    }
    if (types.includes('null')) {
      nullable = true;
      types = types.filter((type) => type !== 'null');
    }
    if (types.length === 0) {
      if (raw.properties !== undefined || raw.additionalProperties !== undefined) types = ['object'];
      else if (raw.items !== undefined) types = ['array'];
    }
    if (types.length === 1) node.type = types[0]!;
    else if (types.length > 1) node.type = [...new Set(types)];
    if (nullable) node.nullable = true;

    const format = rawType === 'file' ? 'binary' : raw.format;
    if (typeof format === 'string' && format !== '') node.format = format;
    if (typeof raw.description === 'string' && raw.description.trim() !== '') node.description = raw.description;

    if (Array.isArray(raw.enum)) {
      const values = raw.enum.filter((value) => value !== null);
      if (values.length !== raw.enum.length) node.nullable = true;
      if (values.length > 0) node.enum = values;
    }
    if (raw.const !== undefined) node.const = raw.const;
    if (raw.default !== undefined) node.default = raw.default;
    const example = raw.example !== undefined ? raw.example : Array.isArray(raw.examples) ? raw.examples[0] : undefined;
    if (example !== undefined) node.example = example;
    if (raw.deprecated === true) node.deprecated = true;
    if (raw.readOnly === true) node.readOnly = true;
    if (raw.writeOnly === true) node.writeOnly = true;

    if (typeof raw.properties === 'object' && raw.properties !== null) {
      const properties: Record<string, SchemaNode> = {};
      for (const [key, value] of Object.entries(raw.properties as Record<string, unknown>)) {
        properties[key] = this.normalize(value, `${where}.properties.${key}`);
      }
      node.properties = properties;
    }
    if (Array.isArray(raw.required)) {
      const required = raw.required.filter((key): key is string => typeof key === 'string');
      if (required.length > 0) node.required = [...new Set(required)];
    }
    if (raw.additionalProperties !== undefined) {
      const additional = raw.additionalProperties;
      if (typeof additional === 'boolean') node.additionalProperties = additional;
      else if (typeof additional === 'object' && additional !== null && Object.keys(additional).length === 0) {
        node.additionalProperties = true;
      } else node.additionalProperties = this.normalize(additional, `${where}.additionalProperties`);
    }
    if (raw.items !== undefined) {
      // Draft-4 tuple form: the elements' union describes any element.
      node.items = Array.isArray(raw.items)
        ? { anyOf: raw.items.map((item, index) => this.normalize(item, `${where}.items[${index}]`)) }
        : this.normalize(raw.items, `${where}.items`);
    }
    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const members = raw[keyword];
      if (!Array.isArray(members) || members.length === 0) continue;
      let normalized = members.map((member, index) => this.normalize(member, `${where}.${keyword}[${index}]`));
      if (keyword === 'allOf') {
        // `allOf: [{$ref: X}, {description: ...}]` (common in converted AWS specs) only annotates X.
        const annotations = normalized.filter(isAnnotationOnly);
        normalized = normalized.filter((member) => !isAnnotationOnly(member));
        if (!node.description) {
          const described = annotations.find((member) => member.description);
          if (described?.description) node.description = described.description;
        }
        if (annotations.some((member) => member.nullable)) node.nullable = true;
        if (normalized.length === 1 && node.type === undefined && node.properties === undefined) {
          const [only] = normalized;
          const nullable = node.nullable || only!.nullable;
          Object.assign(node, { ...only, ...(node.description ? { description: node.description } : {}) });
          if (nullable) node.nullable = true;
          continue;
        }
      } else {
        // `anyOf: [X, {type: 'null'}]` is how OpenAPI 3.1 spells a nullable reference.
        const withoutNull = normalized.filter((member) => !isNullOnly(member));
        if (withoutNull.length < normalized.length) node.nullable = true;
        normalized = withoutNull;
        if (normalized.length === 1 && node.type === undefined && node.properties === undefined) {
          const [only] = normalized;
          Object.assign(node, { ...only, ...(node.description ? { description: node.description } : {}) });
          if (node.nullable || only!.nullable) node.nullable = true;
          continue;
        }
      }
      if (normalized.length > 0) node[keyword] = normalized;
    }
    for (const keyword of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
      const value = raw[keyword];
      if (typeof value === 'number' && Number.isFinite(value)) node[keyword] = value;
    }
    if (typeof raw.pattern === 'string') node.pattern = raw.pattern;
    return orderKeys(node);
  }
}

const annotationKeys = new Set([
  'description',
  'nullable',
  'deprecated',
  'readOnly',
  'writeOnly',
  'example',
  'default',
]);

/** A schema that says nothing about the value's shape (only documentation or flags). */
function isAnnotationOnly(node: SchemaNode): boolean {
  return Object.keys(node).every((key) => annotationKeys.has(key));
}

function isNullOnly(node: SchemaNode): boolean {
  return node.nullable === true && Object.keys(node).every((key) => key === 'nullable' || key === 'description');
}

const keyOrder: Array<keyof SchemaNode> = [
  '$ref',
  'type',
  'format',
  'nullable',
  'enum',
  'const',
  'description',
  'deprecated',
  'readOnly',
  'writeOnly',
  'default',
  'example',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
];

/** One key order for every node, so the checked-in JSON diffs only where the vendor changed something. */
function orderKeys(node: SchemaNode): SchemaNode {
  const ordered: Record<string, unknown> = {};
  for (const key of keyOrder) if (node[key] !== undefined) ordered[key] = node[key];
  return ordered as SchemaNode;
}
