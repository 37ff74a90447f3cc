import { defineTool } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { alerts, fixtureTools, socHarness } from './__fixtures__/soc-fixtures.js';

const aid = '4f1c7d0e9a2b4c1d8e7f6a5b4c3d2e1f';

describe('vendor ids', () => {
  it('acts on hosts and accounts by the vendor ids the alert and the lookups give, not by their names', async () => {
    const received: Array<{ tool: string; input: unknown }> = [];
    const record =
      (tool: string, output: unknown) =>
      async (input: unknown): Promise<never> => {
        received.push({ tool, input });
        return output as never;
      };
    const edr = {
      id: 'edr',
      tools: {
        getHostDetails: defineTool({
          name: 'getHostDetails',
          description: 'Get EDR hosts by device id.',
          input: z.object({ hostIds: z.array(z.string()) }),
          output: z.unknown(),
          risk: 'read',
          idempotent: true,
          capabilities: ['host.details'],
          execute: record('getHostDetails', { resources: [{ device_id: aid, hostname: 'WS-JDOE-01' }] }),
        }),
        containHosts: defineTool({
          name: 'containHosts',
          description: 'Network-contain EDR hosts by device id.',
          input: z.object({ hostIds: z.array(z.string()) }),
          output: z.unknown(),
          risk: 'contain',
          idempotent: true,
          capabilities: ['host.contain'],
          execute: record('containHosts', { ok: true }),
        }),
      },
    };
    const idp = {
      id: 'idp',
      tools: {
        getAccount: defineTool({
          name: 'getAccount',
          description: 'Get an identity provider account by login.',
          input: z.object({ userId: z.string() }),
          output: z.unknown(),
          risk: 'read',
          idempotent: true,
          capabilities: ['user.profile'],
          execute: record('getAccount', { id: '00u1abcd', status: 'ACTIVE' }),
        }),
        suspendAccount: defineTool({
          name: 'suspendAccount',
          description: 'Suspend an identity provider account by its id.',
          input: z.object({ userId: z.string() }),
          output: z.unknown(),
          risk: 'contain',
          idempotent: true,
          capabilities: ['user.suspend'],
          execute: record('suspendAccount', { ok: true }),
        }),
      },
    };
    const { lookupIp, lookupDomain } = fixtureTools().tools;
    const { soc } = socHarness({ tools: { lookupIp, lookupDomain }, connectors: [edr, idp] });
    const endpointAlert = {
      ...alerts.malware,
      device: { uid: aid, hostname: 'WS-JDOE-01.corp.acme.example' },
    };
    const result = await soc.handle([endpointAlert, alerts.mfaFatigue], { tenantId: 'acme' });
    expect(result.status).toBe('completed');
    expect(received).toEqual(
      expect.arrayContaining([
        { tool: 'getHostDetails', input: { hostIds: [aid] } },
        { tool: 'containHosts', input: { hostIds: [aid] } },
        { tool: 'getAccount', input: { userId: 'jane.doe@acme.example' } },
        { tool: 'suspendAccount', input: { userId: '00u1abcd' } },
      ]),
    );
  });
});
