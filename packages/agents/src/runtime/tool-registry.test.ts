import { defineTool } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SocConfigurationError } from '../errors.js';
import { createToolRegistry } from './tool-registry.js';

const getUser = (vendor: string) =>
  defineTool({
    name: 'getUser',
    description: `Get a user account from ${vendor}.`,
    input: z.object({ userId: z.string() }),
    output: z.object({ vendor: z.string() }),
    risk: 'read',
    idempotent: true,
    capabilities: ['user.profile'],
    execute: async () => ({ vendor }),
  });

describe('createToolRegistry', () => {
  it('namespaces colliding names by connector and keeps unique names as they are', async () => {
    const registry = createToolRegistry({
      connectors: [
        { id: 'okta', tools: { getUser: getUser('okta') } },
        { id: 'entra-id', tools: { getUser: getUser('entra') }, tenantId: 'acme' },
      ],
      tools: {
        lookupIp: defineTool({
          name: 'lookupIp',
          description: 'Look up the reputation of an address.',
          input: z.object({ ip: z.string() }),
          output: z.object({}),
          risk: 'read',
          idempotent: true,
          execute: async () => ({}),
        }),
      },
    });
    expect(registry.list().map((entry) => entry.name)).toEqual(['okta_getUser', 'entra_id_getUser', 'lookupIp']);
    const entra = registry.get('entra_id_getUser')!;
    expect(entra).toMatchObject({ originalName: 'getUser', connectorId: 'entra-id', tenantId: 'acme' });
    expect(entra.tool.name).toBe('entra_id_getUser');
    expect(entra.tool.capabilities).toEqual(['user.profile']);
    expect(await entra.tool({ userId: 'u1' })).toEqual({ vendor: 'entra' });
    expect(registry.get('getUser')).toBeUndefined();
    expect(Object.keys(registry.toolSet())).toEqual(['okta_getUser', 'entra_id_getUser', 'lookupIp']);
  });

  it('refuses reserved names and connectors without ids', () => {
    expect(() => createToolRegistry({ tools: { getUser: getUser('x') }, reservedNames: ['getUser'] })).toThrow(
      SocConfigurationError,
    );
    expect(() => createToolRegistry({ connectors: [{ id: '', tools: {} }] })).toThrow(/non-empty string id/);
  });
});
