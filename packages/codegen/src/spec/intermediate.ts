import { z } from 'zod';

/**
 * The checked-in intermediate spec (`spec/operations.json`): only the selected operations and the schemas they
 * reference, normalized so that OpenAPI 3.0, 3.1 and Swagger 2.0 documents all read the same. A diff of this file
 * shows exactly what the vendor changed in the parts a connector uses.
 */

/** A normalized JSON Schema node. `$ref` always points at `#/schemas/<name>` of the intermediate spec. */
export interface SchemaNode {
  $ref?: string;
  type?: SchemaType | SchemaType[];
  /** OpenAPI 3.0 `nullable`, 3.1 `type: [..., 'null']` and Swagger's `x-nullable` all become this flag. */
  nullable?: boolean;
  format?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
}

export type SchemaType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface SpecParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  /** OpenAPI serialization of arrays and objects, when the spec sets it (Swagger's collectionFormat maps here). */
  style?: ParameterStyle;
  explode?: boolean;
  schema: SchemaNode;
}

export type ParameterStyle = 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

export interface SpecRequestBody {
  contentType: string;
  required: boolean;
  description?: string;
  schema: SchemaNode;
}

export interface SpecResponse {
  status: string;
  description?: string;
  contentType?: string;
  schema?: SchemaNode;
}

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  /** OAuth scopes named by the operation's security requirements. */
  scopes?: string[];
  parameters: SpecParameter[];
  requestBody?: SpecRequestBody;
  response: SpecResponse;
}

export type SpecSource = { openapiDirectory: string } | { file: string; source: string };

export interface IntermediateSpec {
  $comment: string;
  source: SpecSource;
  /** The vendor document's own format version (`2.0`, `3.0.3`, `3.1.0`). */
  format: string;
  info: { title: string; version: string };
  servers: string[];
  operations: SpecOperation[];
  schemas: Record<string, SchemaNode>;
}

export const schemaRefPrefix = '#/schemas/';

export function schemaRef(name: string): string {
  return schemaRefPrefix + name.replaceAll('~', '~0').replaceAll('/', '~1');
}

export function schemaNameOf(ref: string): string {
  if (!ref.startsWith(schemaRefPrefix)) throw new Error(`Unexpected $ref ${ref} in the intermediate spec`);
  return ref.slice(schemaRefPrefix.length).replaceAll('~1', '/').replaceAll('~0', '~');
}

const SchemaNodeShape: z.ZodType<SchemaNode> = z.lazy(() =>
  z.object({
    $ref: z.string().optional(),
    type: z.union([z.string(), z.array(z.string())]).optional(),
    properties: z.record(z.string(), SchemaNodeShape).optional(),
    items: SchemaNodeShape.optional(),
    additionalProperties: z.union([z.boolean(), SchemaNodeShape]).optional(),
    allOf: z.array(SchemaNodeShape).optional(),
    oneOf: z.array(SchemaNodeShape).optional(),
    anyOf: z.array(SchemaNodeShape).optional(),
    required: z.array(z.string()).optional(),
  }),
) as z.ZodType<SchemaNode>;

/** Parses `spec/operations.json`; a hand edit that breaks its shape fails with the path that is wrong. */
export const IntermediateSpecShape = z.object({
  $comment: z.string(),
  source: z.union([z.object({ openapiDirectory: z.string() }), z.object({ file: z.string(), source: z.string() })]),
  format: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  servers: z.array(z.string()),
  operations: z.array(
    z.object({
      operationId: z.string().min(1),
      method: z.enum(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']),
      path: z.string().startsWith('/'),
      parameters: z.array(
        z.object({
          name: z.string(),
          in: z.enum(['path', 'query', 'header']),
          required: z.boolean(),
          schema: SchemaNodeShape,
        }),
      ),
      requestBody: z.object({ contentType: z.string(), required: z.boolean(), schema: SchemaNodeShape }).optional(),
      response: z.object({
        status: z.string(),
        contentType: z.string().optional(),
        schema: SchemaNodeShape.optional(),
      }),
    }),
  ),
  schemas: z.record(z.string(), SchemaNodeShape),
});
