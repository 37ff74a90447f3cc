import { CodegenError } from '../errors.js';
import type { ApiDocument } from './load-document.js';

/** Where named schemas live: OpenAPI 3 components, or Swagger 2 definitions. */
const namedSchemaPrefixes = ['#/components/schemas/', '#/definitions/'] as const;

export function isReference(value: unknown): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

function unescapePointerSegment(segment: string): string {
  return decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Resolves a local JSON pointer (`#/components/parameters/userId`) against the document. */
export function resolvePointer(document: ApiDocument, ref: string): unknown {
  if (!ref.startsWith('#')) {
    throw new CodegenError(
      `External $ref "${ref}" is not supported: bundle the spec into one document first (e.g. redocly bundle)`,
    );
  }
  if (ref === '#') return document;
  if (!ref.startsWith('#/')) throw new CodegenError(`Malformed $ref "${ref}"`);
  let current: unknown = document;
  for (const segment of ref.slice(2).split('/').map(unescapePointerSegment)) {
    if (typeof current !== 'object' || current === null || !(segment in current)) {
      throw new CodegenError(`$ref "${ref}" does not resolve: no "${segment}" in the document`);
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The schema name when `ref` points at a named schema, which the extractor keeps named rather than inlining. */
export function namedSchemaOf(ref: string): string | undefined {
  for (const prefix of namedSchemaPrefixes) {
    if (ref.startsWith(prefix)) {
      const rest = ref.slice(prefix.length);
      if (!rest.includes('/')) return unescapePointerSegment(rest);
    }
  }
  return undefined;
}

/**
 * Follows a chain of `$ref`s (a parameter that is a ref to a ref ...) to the object it finally names.
 * A cycle of refs that never reaches an object is a broken document.
 */
export function dereference<T = Record<string, unknown>>(document: ApiDocument, value: unknown): T {
  const seen = new Set<string>();
  let current = value;
  while (isReference(current)) {
    if (seen.has(current.$ref)) throw new CodegenError(`$ref cycle through "${current.$ref}"`);
    seen.add(current.$ref);
    current = resolvePointer(document, current.$ref);
  }
  return current as T;
}
