import { describe, expect, it } from 'vitest';
import { parseAlert } from '../alerts/alert.js';
import { ValidationError } from '../errors.js';
import { recommendedPolicies } from '../policies/policy-versions.js';
import { toOpenAITools } from '../tools/exporters-openai.js';
import { ContextGraph } from './context-graph.js';
import { contextGraphTools, GraphToolTenantError } from './graph-tools.js';
import { MemoryGraphStore } from './memory-graph-store.js';

async function seeded() {
  const store = new MemoryGraphStore();
  const graph = new ContextGraph({ store, tenantId: 'acme' });
  await graph.recordAlert(
    parseAlert({
      class_uid: 3002,
      category_uid: 3,
      severity_id: 3,
      time: 1_000,
      message: 'Sign-in',
      metadata: { product: { vendor_name: 'Okta', name: 'System Log' }, uid: 'e1' },
      observables: [
        { name: 'user.name', type_id: 4, value: 'jane@acme.example' },
        { name: 'device.hostname', type_id: 1, value: 'DC-01' },
      ],
    }),
    { alertId: 'alert-1', caseId: 'case-1', observedAt: 1_000 },
  );
  await graph.setGovernance('host:dc-01', { criticality: 'critical' }, { at: 2_000 });
  return { store, tools: contextGraphTools({ store, policies: recommendedPolicies }) };
}

describe('contextGraphTools', () => {
  it('profiles an entity named the way a model writes it, for the tenant of the call', async () => {
    const { tools } = await seeded();
    const profile = await tools.getEntityProfile!({ entity: 'host:DC-01' }, { tenantId: 'acme' });
    expect(profile).toMatchObject({
      found: true,
      entity: 'host:dc-01',
      governance: { criticality: 'critical' },
      caseIds: ['case-1'],
      relations: [{ relation: 'logged-on-to', direction: 'in', other: 'user:jane@acme.example' }],
    });
    expect(await tools.getEntityProfile!({ entity: 'host:DC-01' }, { tenantId: 'globex' })).toEqual({
      found: false,
      entity: 'host:dc-01',
    });
  });

  it('never runs without the tenant from the runtime context', async () => {
    const { tools } = await seeded();
    await expect(tools.getEntityProfile!({ entity: 'host:dc-01' }, {})).rejects.toSatisfy((error) =>
      GraphToolTenantError.isInstance((error as { cause?: unknown }).cause ?? error),
    );
  });

  it('answers neighbourhood, history, policies and precedents', async () => {
    const { tools } = await seeded();
    const neighbourhood = await tools.getEntityNeighbourhood!(
      { entity: 'user:jane@acme.example', hops: 1, relations: ['logged-on-to'] },
      { tenantId: 'acme' },
    );
    expect(neighbourhood).toMatchObject({
      nodes: [{ id: 'user:jane@acme.example' }, { id: 'host:dc-01', governance: { criticality: 'critical' } }],
    });
    const history = (await tools.getEntityHistory!({ entity: 'host:dc-01' }, { tenantId: 'acme' })) as {
      entries: { type: string }[];
    };
    expect(history.entries.map((entry) => entry.type)).toEqual(['version', 'relation', 'relation', 'version']);
    expect(await tools.getApplicablePolicies!({ entity: 'host:dc-01' }, { tenantId: 'acme' })).toMatchObject({
      policies: [{ id: 'critical-asset-containment', version: 1, source: 'governance' }],
    });
    expect(await tools.findPrecedents!({ caseId: 'case-2', entities: ['host:dc-01'] }, { tenantId: 'acme' })).toEqual({
      precedents: [],
    });
  });

  it('rejects an entity that is not kind:value, naming why', async () => {
    const { tools } = await seeded();
    await expect(tools.getEntityProfile!({ entity: 'dc-01' }, { tenantId: 'acme' })).rejects.toThrow(ValidationError);
    await expect(tools.getEntityProfile!({ entity: 'ip:999.1.1.1' }, { tenantId: 'acme' })).rejects.toThrow(
      /ip "999.1.1.1"/,
    );
  });

  it('exports to a model API as read-only tools', async () => {
    const { tools } = await seeded();
    const exported = toOpenAITools(tools);
    expect(exported.map((tool) => tool.function.name)).toEqual([
      'getEntityProfile',
      'getEntityNeighbourhood',
      'getEntityHistory',
      'getApplicablePolicies',
      'findPrecedents',
    ]);
    expect(Object.values(tools).every((tool) => tool.risk === 'read' && tool.annotations.readOnlyHint)).toBe(true);
  });
});
