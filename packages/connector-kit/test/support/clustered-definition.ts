import { z } from 'zod';
import { defineConnector } from '../../src/definition.js';

/** A vendor on a loopback origin with one small org-wide quota, shared across processes through Redis. */
export const clusteredDefinition = defineConnector({
  id: 'clustered',
  vendor: 'Clustered',
  product: 'API',
  categories: ['other'],
  baseUrl: 'http://127.0.0.1:{port}',
  baseUrlVariables: { port: { description: 'Port of the loopback server', pattern: '\\d{1,5}' } },
  auth: { type: 'bearer' },
  documentation: 'https://clustered.example/docs',
  quotas: [{ id: 'shared', scope: 'org', limit: 4, windowMs: 3_600_000, source: 'https://clustered.example/docs' }],
  operations: {
    ping: {
      name: 'ping',
      description: 'Answers with ok, to count requests.',
      method: 'GET',
      path: '/ping',
      parameters: [],
      input: z.object({}),
      output: z.looseObject({ ok: z.boolean() }),
      risk: 'read',
      idempotent: true,
      quota: 'shared',
    },
  },
});
