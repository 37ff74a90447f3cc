import { describe, expect, it } from 'vitest';
import { awsJsonWireSpec } from './aws-json.js';
import type { IntermediateSpec } from './intermediate.js';

const spec: IntermediateSpec = {
  $comment: '',
  source: { openapiDirectory: 'amazonaws.com/vault.json' },
  format: '3.0.0',
  info: { title: 'Vault', version: '1' },
  servers: [],
  operations: [
    {
      operationId: 'Find',
      method: 'POST',
      path: '/#X-Amz-Target=vault.Find',
      parameters: [],
      requestBody: {
        contentType: 'application/json',
        required: true,
        schema: { type: 'object', properties: { Since: { type: 'string', format: 'date-time' } } },
      },
      response: { status: '200', schema: { $ref: '#/schemas/FindResponse' } },
    },
  ],
  schemas: {
    FindResponse: {
      type: 'object',
      properties: {
        Items: {
          type: 'array',
          items: { type: 'object', properties: { At: { type: 'string', format: 'date-time' } } },
        },
        Value: { type: 'object', properties: {}, description: 'The value. This is a <code>Document</code> type.' },
      },
    },
  },
};

describe('awsJsonWireSpec', () => {
  it('types timestamps as epoch seconds and Document values as any JSON, everywhere', () => {
    const wire = awsJsonWireSpec(spec);
    expect(wire.operations[0]!.requestBody!.schema.properties!.Since).toMatchObject({ type: 'number' });
    expect(wire.operations[0]!.requestBody!.schema.properties!.Since!.format).toBeUndefined();
    const response = wire.schemas.FindResponse!.properties!;
    expect(response.Items!.items!.properties!.At).toMatchObject({ type: 'number' });
    expect(response.Value).toEqual({ description: 'The value. This is a <code>Document</code> type.' });
    expect(spec.schemas.FindResponse!.properties!.Items!.items!.properties!.At!.type).toBe('string');
  });
});
