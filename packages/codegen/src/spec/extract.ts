import { CodegenError } from '../errors.js';
import type {
  HttpMethod,
  IntermediateSpec,
  ParameterLocation,
  ParameterStyle,
  SchemaNode,
  SpecOperation,
  SpecParameter,
  SpecRequestBody,
  SpecResponse,
  SpecSource,
} from './intermediate.js';
import type { ApiDocument } from './load-document.js';
import { SchemaNormalizer } from './normalize-schema.js';
import { dereference } from './refs.js';

const methods: HttpMethod[] = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Headers the transport owns; a model must never be asked for them. */
const transportHeaders = new Set(['authorization', 'accept', 'content-type', 'content-length', 'user-agent']);

type Raw = Record<string, unknown>;

export interface LocatedOperation {
  method: HttpMethod;
  path: string;
  pathItem: Raw;
  operation: Raw;
  operationId: string;
}

export interface ExtractOptions {
  source: SpecSource;
  /** Operation selectors from the manifest: an operationId or `METHOD /path`. */
  select: readonly string[];
}

/** Which dialect a document is written in. Only the differences that matter to extraction are modelled. */
export function documentFormat(document: ApiDocument): { format: string; swagger2: boolean } {
  if (typeof document.swagger === 'string' && document.swagger.startsWith('2.')) {
    return { format: document.swagger, swagger2: true };
  }
  if (typeof document.openapi === 'string' && document.openapi.startsWith('3.')) {
    return { format: document.openapi, swagger2: false };
  }
  throw new CodegenError('The spec is neither OpenAPI 3.x (`openapi: 3.x`) nor Swagger 2.0 (`swagger: "2.0"`)');
}

/** Every operation of the document, in document order. */
export function listOperations(document: ApiDocument): LocatedOperation[] {
  const paths = document.paths;
  if (typeof paths !== 'object' || paths === null) throw new CodegenError('The spec has no `paths`');
  const located: LocatedOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths as Raw)) {
    const pathItem = dereference<Raw>(document, rawItem);
    if (typeof pathItem !== 'object' || pathItem === null) continue;
    for (const method of methods) {
      const operation = pathItem[method.toLowerCase()];
      if (typeof operation !== 'object' || operation === null) continue;
      const rawId = (operation as Raw).operationId;
      const operationId = typeof rawId === 'string' && rawId.trim() !== '' ? rawId.trim() : `${method} ${path}`;
      located.push({ method, path, pathItem, operation: operation as Raw, operationId });
    }
  }
  return located;
}

/** Splits `METHOD /path`; undefined when the selector is an operationId. */
export function parseRouteSelector(selector: string): { method: HttpMethod; path: string } | undefined {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(selector.trim());
  if (!match) return undefined;
  const method = match[1]!.toUpperCase() as HttpMethod;
  return methods.includes(method) ? { method, path: match[2]! } : undefined;
}

function findOperation(all: LocatedOperation[], selector: string): LocatedOperation | undefined {
  const route = parseRouteSelector(selector);
  if (route) return all.find((entry) => entry.method === route.method && entry.path === route.path);
  return all.find((entry) => entry.operationId === selector);
}

function suggestionsFor(all: LocatedOperation[], selector: string): string {
  const needle = selector.toLowerCase().replace(/[^a-z0-9]/g, '');
  const close = all
    .filter((entry) => {
      const id = entry.operationId.toLowerCase().replace(/[^a-z0-9]/g, '');
      return needle.length > 2 && (id.includes(needle) || needle.includes(id));
    })
    .slice(0, 3)
    .map((entry) => `${entry.operationId} (${entry.method} ${entry.path})`);
  return close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
}

/**
 * Extracts the selected operations and the schemas they reference from a vendor document, in selection order.
 * Unknown selectors are all reported at once.
 */
export function extractSpec(document: ApiDocument, options: ExtractOptions): IntermediateSpec {
  const { format, swagger2 } = documentFormat(document);
  const all = listOperations(document);
  const normalizer = new SchemaNormalizer(document);
  const missing: string[] = [];
  const operations: SpecOperation[] = [];
  const seen = new Map<LocatedOperation, string>();
  for (const selector of options.select) {
    const located = findOperation(all, selector);
    if (!located) {
      missing.push(`"${selector}" is not in the spec${suggestionsFor(all, selector)}`);
      continue;
    }
    const previous = seen.get(located);
    if (previous !== undefined) {
      missing.push(`"${selector}" selects the same operation as "${previous}"`);
      continue;
    }
    seen.set(located, selector);
    operations.push(extractOperation(document, located, normalizer, swagger2));
  }
  if (missing.length > 0) {
    throw new CodegenError(`Cannot select ${missing.length} operation(s):\n  ${missing.join('\n  ')}`, {
      issues: missing.map((message) => ({ path: 'operations', message })),
    });
  }
  const info = (document.info ?? {}) as Raw;
  return {
    $comment:
      'Extracted by @rampart/codegen from the vendor spec named in `source` (only the selected operations and the ' +
      'schemas they use). Do not edit: run `rampart-codegen refresh-spec <connector-dir>`.',
    source: options.source,
    format,
    info: { title: String(info.title ?? ''), version: String(info.version ?? '') },
    servers: swagger2 ? swaggerServers(document) : openApiServers(document),
    operations,
    schemas: normalizer.drainNamed(),
  };
}

function openApiServers(document: ApiDocument): string[] {
  const servers = Array.isArray(document.servers) ? (document.servers as Raw[]) : [];
  return servers.map((server) => String(server.url ?? '')).filter((url) => url !== '' && url !== ',');
}

function swaggerServers(document: ApiDocument): string[] {
  if (typeof document.host !== 'string') return [];
  const schemes = Array.isArray(document.schemes) && document.schemes.length > 0 ? document.schemes : ['https'];
  const basePath = typeof document.basePath === 'string' ? document.basePath.replace(/\/$/, '') : '';
  return schemes.map((scheme) => `${String(scheme)}://${document.host}${basePath}`);
}

function extractOperation(
  document: ApiDocument,
  located: LocatedOperation,
  normalizer: SchemaNormalizer,
  swagger2: boolean,
): SpecOperation {
  const { operation, method, path } = located;
  const where = `${method} ${path}`;
  const rawParameters = mergeParameters(document, located);
  const parameters: SpecParameter[] = [];
  const formFields: Array<{ name: string; required: boolean; schema: SchemaNode; isFile: boolean }> = [];
  let requestBody: SpecRequestBody | undefined;

  for (const parameter of rawParameters) {
    const name = String(parameter.name);
    const location = String(parameter.in);
    const description = typeof parameter.description === 'string' ? parameter.description : undefined;
    if (swagger2 && location === 'body') {
      const contentType = pickMediaType(mediaTypes(operation.consumes ?? document.consumes));
      requestBody = {
        contentType: contentType ?? 'application/json',
        required: parameter.required === true,
        ...(description ? { description } : {}),
        schema: normalizer.normalize(parameter.schema, `${where} body`),
      };
      continue;
    }
    if (swagger2 && location === 'formData') {
      formFields.push({
        name,
        required: parameter.required === true,
        schema: withDescription(
          normalizer.normalize(swaggerParameterSchema(parameter), `${where} ${name}`),
          description,
        ),
        isFile: parameter.type === 'file',
      });
      continue;
    }
    if (location !== 'path' && location !== 'query' && location !== 'header') continue;
    if (location === 'header' && transportHeaders.has(name.toLowerCase())) continue;
    let rawSchema = swagger2 ? swaggerParameterSchema(parameter) : parameterSchema(parameter);
    // OpenAPI 3 allows the example on the parameter rather than its schema.
    if (
      parameter.example !== undefined &&
      typeof rawSchema === 'object' &&
      rawSchema !== null &&
      !('$ref' in rawSchema)
    ) {
      rawSchema = { example: parameter.example, ...(rawSchema as Raw) };
    }
    parameters.push({
      name,
      in: location as ParameterLocation,
      required: location === 'path' || parameter.required === true,
      ...(description ? { description } : {}),
      ...(parameter.deprecated === true ? { deprecated: true } : {}),
      ...(swagger2 ? swaggerSerialization(parameter) : openApiSerialization(parameter)),
      schema: normalizer.normalize(rawSchema, `${where} parameter ${name}`),
    });
  }

  if (formFields.length > 0) {
    const consumes = mediaTypes(operation.consumes ?? document.consumes);
    const isMultipart = formFields.some((field) => field.isFile) || consumes.includes('multipart/form-data');
    const properties: Record<string, SchemaNode> = {};
    for (const field of formFields) properties[field.name] = field.schema;
    const required = formFields.filter((field) => field.required).map((field) => field.name);
    requestBody = {
      contentType: isMultipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded',
      required: required.length > 0,
      schema: { type: 'object', ...(required.length > 0 ? { required } : {}), properties },
    };
  }
  if (!swagger2 && operation.requestBody !== undefined) {
    requestBody = openApiRequestBody(document, operation.requestBody, method, normalizer, where);
  }

  const response = swagger2
    ? swaggerResponse(document, operation, normalizer, where)
    : openApiResponse(document, operation, normalizer, where);
  const summary = typeof operation.summary === 'string' ? operation.summary.trim() : '';
  const description = typeof operation.description === 'string' ? operation.description.trim() : '';
  return {
    operationId: located.operationId,
    method,
    path,
    ...(summary ? { summary } : {}),
    ...(description ? { description } : {}),
    ...(Array.isArray(operation.tags) && operation.tags.length > 0 ? { tags: operation.tags.map(String) } : {}),
    ...(operation.deprecated === true ? { deprecated: true } : {}),
    ...scopesOf(document, operation),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    response,
  };
}

function withDescription(node: SchemaNode, description: string | undefined): SchemaNode {
  return description && !node.description ? { ...node, description } : node;
}

/** Path-level parameters apply to every operation of the path unless the operation redefines them. */
function mergeParameters(document: ApiDocument, located: LocatedOperation): Raw[] {
  const byKey = new Map<string, Raw>();
  for (const source of [located.pathItem.parameters, located.operation.parameters]) {
    if (!Array.isArray(source)) continue;
    for (const raw of source) {
      const parameter = dereference<Raw>(document, raw);
      byKey.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
    }
  }
  return [...byKey.values()];
}

const parameterStyles = new Set<ParameterStyle>(['form', 'simple', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

function openApiSerialization(parameter: Raw): { style?: ParameterStyle; explode?: boolean } {
  const style = parameterStyles.has(parameter.style as ParameterStyle)
    ? (parameter.style as ParameterStyle)
    : undefined;
  return {
    ...(style ? { style } : {}),
    ...(typeof parameter.explode === 'boolean' ? { explode: parameter.explode } : {}),
  };
}

/** Swagger 2 `collectionFormat` in OpenAPI 3 terms (csv is Swagger's default, unlike OpenAPI 3's exploded form). */
function swaggerSerialization(parameter: Raw): { style?: ParameterStyle; explode?: boolean } {
  if (parameter.type !== 'array') return {};
  switch (parameter.collectionFormat ?? 'csv') {
    case 'multi':
      return { style: 'form', explode: true };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    default:
      return parameter.in === 'query' ? { style: 'form', explode: false } : { style: 'simple', explode: false };
  }
}

function parameterSchema(parameter: Raw): unknown {
  if (parameter.schema !== undefined) return parameter.schema;
  const content = parameter.content as Record<string, Raw> | undefined;
  if (content) {
    const first = Object.values(content)[0];
    if (first?.schema !== undefined) return first.schema;
  }
  return { type: 'string' };
}

/** Swagger 2 puts a non-body parameter's schema keywords on the parameter itself. */
function swaggerParameterSchema(parameter: Raw): Raw {
  const schema: Raw = {};
  for (const key of [
    'type',
    'format',
    'items',
    'enum',
    'default',
    'minimum',
    'maximum',
    'minLength',
    'maxLength',
    'pattern',
    'minItems',
    'maxItems',
    'x-nullable',
    'x-example',
  ]) {
    if (parameter[key] !== undefined) schema[key === 'x-example' ? 'example' : key] = parameter[key];
  }
  if (schema.type === undefined) schema.type = 'string';
  return schema;
}

function mediaTypes(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** JSON first (what the transport speaks natively), then forms, then whatever the vendor lists first. */
export function pickMediaType(types: readonly string[]): string | undefined {
  const lower = types.map((type) => type.toLowerCase());
  const preferred =
    lower.find((type) => type === 'application/json' || type.startsWith('application/json;')) ??
    lower.find((type) => /\+json\b/.test(type) || type.endsWith('/json')) ??
    lower.find((type) => type === 'application/x-www-form-urlencoded') ??
    lower.find((type) => type === 'multipart/form-data') ??
    lower[0];
  return preferred === undefined ? undefined : types[lower.indexOf(preferred)];
}

function openApiRequestBody(
  document: ApiDocument,
  raw: unknown,
  method: HttpMethod,
  normalizer: SchemaNormalizer,
  where: string,
): SpecRequestBody | undefined {
  const body = dereference<Raw>(document, raw);
  const content = (body.content ?? {}) as Record<string, Raw>;
  const contentType = pickMediaType(Object.keys(content));
  if (contentType === undefined) return undefined;
  const media = content[contentType] ?? {};
  // Specs converted from request collections attach schema-less bodies to reads; a read has no body.
  if (media.schema === undefined && (method === 'GET' || method === 'HEAD' || method === 'DELETE')) return undefined;
  return {
    contentType,
    required: body.required === true,
    ...(typeof body.description === 'string' && body.description.trim() ? { description: body.description } : {}),
    schema: normalizer.normalize(media.schema, `${where} request body`),
  };
}

/** The success response a tool returns: 200 first, then other 2xx, then a 2XX range, then `default`. */
export function pickSuccessStatus(statuses: readonly string[]): string | undefined {
  const exact = statuses.filter((status) => /^2\d\d$/.test(status)).sort();
  return exact[0] ?? statuses.find((status) => status.toUpperCase() === '2XX') ?? statuses.find((s) => s === 'default');
}

function openApiResponse(
  document: ApiDocument,
  operation: Raw,
  normalizer: SchemaNormalizer,
  where: string,
): SpecResponse {
  const responses = (operation.responses ?? {}) as Raw;
  const status = pickSuccessStatus(Object.keys(responses));
  if (status === undefined) return { status: '200' };
  const response = dereference<Raw>(document, responses[status]);
  const content = (response.content ?? {}) as Record<string, Raw>;
  const contentType = pickMediaType(Object.keys(content));
  const media = contentType === undefined ? undefined : content[contentType];
  const description = typeof response.description === 'string' ? response.description.trim() : '';
  return {
    status: status === 'default' || status.toUpperCase() === '2XX' ? '200' : status,
    ...(description ? { description } : {}),
    ...(contentType && media?.schema !== undefined
      ? { contentType, schema: normalizer.normalize(media.schema, `${where} response ${status}`) }
      : {}),
  };
}

function swaggerResponse(
  document: ApiDocument,
  operation: Raw,
  normalizer: SchemaNormalizer,
  where: string,
): SpecResponse {
  const responses = (operation.responses ?? {}) as Raw;
  const status = pickSuccessStatus(Object.keys(responses));
  if (status === undefined) return { status: '200' };
  const response = dereference<Raw>(document, responses[status]);
  const description = typeof response.description === 'string' ? response.description.trim() : '';
  const contentType = pickMediaType(mediaTypes(operation.produces ?? document.produces)) ?? 'application/json';
  return {
    status: status === 'default' ? '200' : status,
    ...(description ? { description } : {}),
    ...(response.schema !== undefined
      ? { contentType, schema: normalizer.normalize(response.schema, `${where} response ${status}`) }
      : {}),
  };
}

function scopesOf(document: ApiDocument, operation: Raw): { scopes?: string[] } {
  const requirements = Array.isArray(operation.security) ? operation.security : document.security;
  if (!Array.isArray(requirements)) return {};
  const scopes = new Set<string>();
  for (const requirement of requirements as Raw[]) {
    for (const list of Object.values(requirement ?? {})) {
      if (Array.isArray(list)) for (const scope of list) scopes.add(String(scope));
    }
  }
  return scopes.size > 0 ? { scopes: [...scopes] } : {};
}
