import { schemaIdentifier } from '../naming.js';
import { type IntermediateSpec, type SchemaNode, schemaNameOf } from '../spec/intermediate.js';

/** Calls `visit` on every node below `node` (not following `$ref`s). */
export function walkSchema(node: SchemaNode, visit: (node: SchemaNode) => void): void {
  visit(node);
  for (const child of Object.values(node.properties ?? {})) walkSchema(child, visit);
  if (typeof node.additionalProperties === 'object') walkSchema(node.additionalProperties, visit);
  if (node.items) walkSchema(node.items, visit);
  for (const member of [...(node.allOf ?? []), ...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walkSchema(member, visit);
}

export function directReferences(node: SchemaNode): string[] {
  const names: string[] = [];
  walkSchema(node, (child) => {
    if (child.$ref !== undefined) names.push(schemaNameOf(child.$ref));
  });
  return names;
}

/** Names of the named schemas reachable from `roots`, through any depth of references. */
export function reachableSchemas(spec: IntermediateSpec, roots: SchemaNode[]): Set<string> {
  const reached = new Set<string>();
  const queue = roots.flatMap(directReferences);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (reached.has(name)) continue;
    reached.add(name);
    const schema = spec.schemas[name];
    if (schema) queue.push(...directReferences(schema));
  }
  return reached;
}

/**
 * Orders named schemas so each comes after the ones it uses (depth-first post-order, alphabetical roots, so the
 * order is stable). A reference to a schema not yet emitted at its point of use closes a cycle and becomes lazy.
 */
export function dependencyOrder(spec: IntermediateSpec, names: Set<string>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.has(name) || !names.has(name)) return;
    state.set(name, 'visiting');
    const schema = spec.schemas[name];
    if (schema) for (const dependency of [...new Set(directReferences(schema))].sort()) visit(dependency);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of [...names].sort()) visit(name);
  return order;
}

/** Stable identifiers for named schemas, avoiding each other and the names already taken by the module. */
export function schemaIdentifiers(names: Iterable<string>, taken: Set<string>): Map<string, string> {
  const identifiers = new Map<string, string>();
  for (const name of [...names].sort()) identifiers.set(name, schemaIdentifier(name, taken));
  return identifiers;
}

export function resolveSchema(spec: IntermediateSpec, node: SchemaNode): SchemaNode {
  let current = node;
  const seen = new Set<string>();
  while (current.$ref !== undefined) {
    const name = schemaNameOf(current.$ref);
    if (seen.has(name)) return {};
    seen.add(name);
    const target = spec.schemas[name];
    if (!target) return {};
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** True when the node describes an object with named properties, possibly through allOf. */
export function isObjectLike(spec: IntermediateSpec, node: SchemaNode, depth = 0): boolean {
  if (depth > 8) return false;
  const resolved = resolveSchema(spec, node);
  if (resolved.oneOf || resolved.anyOf) return false;
  if (resolved.allOf) return resolved.allOf.every((member) => isObjectLike(spec, member, depth + 1));
  const type = resolved.type;
  if (type !== undefined && type !== 'object') return false;
  return resolved.properties !== undefined;
}

/**
 * Flattens an allOf of objects into one object schema: properties in order (later parts win), `required` united.
 * Only valid when `isObjectLike` holds.
 */
export function mergeObject(spec: IntermediateSpec, node: SchemaNode, depth = 0): SchemaNode {
  const resolved = resolveSchema(spec, node);
  if (!resolved.allOf || depth > 8) return resolved;
  const properties: Record<string, SchemaNode> = {};
  const required = new Set<string>();
  let additionalProperties: SchemaNode['additionalProperties'];
  const { allOf, ...own } = resolved;
  for (const part of [...allOf, own]) {
    const merged = part === own ? own : mergeObject(spec, part, depth + 1);
    Object.assign(properties, merged.properties ?? {});
    for (const key of merged.required ?? []) required.add(key);
    if (merged.additionalProperties !== undefined) additionalProperties = merged.additionalProperties;
  }
  const result: SchemaNode = { ...own, type: 'object', properties };
  if (required.size > 0) result.required = [...required];
  if (additionalProperties !== undefined) result.additionalProperties = additionalProperties;
  return result;
}
