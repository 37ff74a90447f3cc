import openapiTS, { astToString } from 'openapi-typescript';
import type { IntermediateSpec, SchemaNode } from '../spec/intermediate.js';

type Json = Record<string, unknown>;

function toOpenApiSchema(node: SchemaNode): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') out.$ref = String(value).replace('#/schemas/', '#/components/schemas/');
    else if (key === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, SchemaNode>).map(([name, child]) => [name, toOpenApiSchema(child)]),
      );
    } else if (key === 'items' || (key === 'additionalProperties' && typeof value === 'object')) {
      out[key] = toOpenApiSchema(value as SchemaNode);
    } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      out[key] = (value as SchemaNode[]).map(toOpenApiSchema);
    } else if (key === 'example' || key === 'default') {
      // Examples and defaults do not change types; leaving them out keeps the file about types.
    } else out[key] = value;
  }
  // A $ref with siblings is only valid in 3.1; wrap it so the 3.0 reader keeps `nullable`.
  if (out.$ref !== undefined && Object.keys(out).some((key) => key !== '$ref' && key !== 'description')) {
    const { $ref, description, ...rest } = out;
    return { allOf: [{ $ref }], ...rest, ...(description ? { description } : {}) };
  }
  return out;
}

/** Rebuilds a minimal OpenAPI 3.0 document from the intermediate spec, for openapi-typescript. */
export function intermediateToOpenApi(spec: IntermediateSpec): Json {
  const paths: Record<string, Json> = {};
  for (const operation of spec.operations) {
    const responseContent =
      operation.response.schema !== undefined
        ? {
            [operation.response.contentType ?? 'application/json']: {
              schema: toOpenApiSchema(operation.response.schema),
            },
          }
        : undefined;
    const entry: Json = {
      operationId: operation.operationId,
      ...(operation.summary ? { summary: operation.summary } : {}),
      parameters: operation.parameters.map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        required: parameter.required,
        schema: toOpenApiSchema(parameter.schema),
      })),
      ...(operation.requestBody
        ? {
            requestBody: {
              required: operation.requestBody.required,
              content: {
                [operation.requestBody.contentType]: { schema: toOpenApiSchema(operation.requestBody.schema) },
              },
            },
          }
        : {}),
      responses: {
        [operation.response.status]: {
          description: operation.response.description ?? '',
          ...(responseContent ? { content: responseContent } : {}),
        },
      },
    };
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method.toLowerCase()] = entry;
  }
  return {
    openapi: '3.0.3',
    info: { title: spec.info.title || 'API', version: spec.info.version || '0' },
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(spec.schemas).map(([name, node]) => [name, toOpenApiSchema(node)])),
    },
  };
}

/** TypeScript types of the selected part of the spec, by openapi-typescript. */
export async function emitTypes(spec: IntermediateSpec): Promise<string> {
  const document = intermediateToOpenApi(spec);
  // openapi-typescript's declared input type is stricter than the documents it reads; this one is valid 3.0.
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    silent: true,
    alphabetize: false,
  });
  return astToString(ast);
}
