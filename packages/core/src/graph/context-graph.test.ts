import { describe, expect, it } from 'vitest';
import { parseAlert } from '../alerts/alert.js';
import { ManualClock } from '../clock.js';
import { builtInPolicies, criticalAssetPolicy } from '../policies/built-in-policies.js';
import { valuesOf } from '../policies/governance.js';
import { evaluatePolicies } from '../policies/policy.js';
import { ContextGraph } from './context-graph.js';
import { MemoryGraphStore } from './memory-graph-store.js';

const signIn = (time: number, uid: string, host: string) =>
  parseAlert({
    class_uid: 3002,
    category_uid: 3,
    severity_id: 3,
    time,
    message: 'Sign-in from a new country',
    metadata: { product: { vendor_name: 'Okta', name: 'System Log' }, uid },
    observables: [
      { name: 'user.name', type_id: 4, value: 'jane@acme.example' },
      { name: 'device.hostname', type_id: 1, value: host },
      { name: 'src_endpoint.ip', type_id: 2, value: '203.0.113.7' },
    ],
  });

async function seededGraph() {
  const store = new MemoryGraphStore();
  const clock = new ManualClock(100_000);
  const graph = new ContextGraph({ store, tenantId: 'acme', clock });
  await graph.recordAlert(signIn(10_000, 'evt-1', 'ws-042'), {
    alertId: 'alert-1',
    caseId: 'case-1',
    observedAt: 10_000,
  });
  await graph.recordAlert(signIn(20_000, 'evt-2', 'dc-01'), {
    alertId: 'alert-2',
    caseId: 'case-2',
    observedAt: 20_000,
  });
  await graph.recordDecision({
    id: 'd-1',
    at: 15_000,
    trace: {
      type: 'verdict',
      caseId: 'case-1',
      decidedBy: { type: 'analyst', id: 'alice' },
      rationale: 'Jane travels; this login is hers',
      verdict: 'benign',
      evidence: ['user:jane@acme.example'],
    },
  });
  return { store, clock, graph };
}

describe('ContextGraph', () => {
  it('profiles an entity: its relations, the alerts and cases that named it, and the decisions made there', async () => {
    const { graph } = await seededGraph();
    const profile = await graph.profile('user:jane@acme.example');
    expect(profile).toMatchObject({
      firstSeenAt: 10_000,
      lastObservedAt: 20_000,
      alertIds: ['alert-2', 'alert-1'],
      caseIds: ['case-2', 'case-1'],
    });
    expect(profile?.relations.map((relation) => `${relation.relation} ${relation.other}`)).toEqual([
      'logged-on-to host:dc-01',
      'logged-on-to host:ws-042',
    ]);
    expect(profile?.decisions.map((decision) => [decision.id, decision.trace.verdict])).toEqual([
      ['decision:d-1', 'benign'],
    ]);
    expect(await graph.profile('user:nobody')).toBeNull();
  });

  it('profiles as of a time: a replay sees only what was known then', async () => {
    const { graph } = await seededGraph();
    const profile = await graph.profile('user:jane@acme.example', { asOf: 12_000 });
    expect(profile?.caseIds).toEqual(['case-1']);
    expect(profile?.decisions).toEqual([]);
  });

  it('walks a neighbourhood n hops out, following only the relations asked for', async () => {
    const { graph } = await seededGraph();
    const twoHops = await graph.neighbourhood('host:ws-042', { hops: 2, relations: ['logged-on-to'] });
    expect(twoHops.nodes.map((node) => node.id)).toEqual(['host:ws-042', 'user:jane@acme.example', 'host:dc-01']);
    expect(twoHops.truncated).toBe(false);
    const oneHop = await graph.neighbourhood('host:ws-042', { hops: 1, relations: ['logged-on-to'] });
    expect(oneHop.nodes.map((node) => node.id)).toEqual(['host:ws-042', 'user:jane@acme.example']);
    const before = await graph.neighbourhood('host:ws-042', { hops: 2, relations: ['logged-on-to'], asOf: 15_000 });
    expect(before.nodes.map((node) => node.id)).toEqual(['host:ws-042', 'user:jane@acme.example']);
    const sampled = await graph.neighbourhood('user:jane@acme.example', { hops: 1, maxEdgesPerHop: 1 });
    expect(sampled).toMatchObject({ truncated: true, edges: [expect.anything()] });
  });

  it('keeps governance changes in time, so a replay before the change sees the old criticality', async () => {
    const { graph } = await seededGraph();
    await graph.setGovernance('host:dc-01', { criticality: 'critical', owner: 'it-ops' }, { at: 30_000 });
    expect((await graph.profile('host:dc-01'))?.governance).toEqual({ criticality: 'critical', owner: 'it-ops' });
    expect((await graph.profile('host:dc-01', { asOf: 25_000 }))?.governance).toEqual({});
    const history = await graph.history('host:dc-01');
    expect(
      history.map((entry) => (entry.type === 'version' ? `version@${entry.at}` : `${entry.edge.relation}@${entry.at}`)),
    ).toEqual(['version@20000', 'names@20000', 'logged-on-to@20000', 'version@30000']);
  });

  it('lists the policies that apply to a node, and gives the gate a governance that holds critical hosts', async () => {
    const { graph, store } = await seededGraph();
    await graph.setGovernance('host:dc-01', { criticality: 'critical' }, { at: 30_000 });
    await store.write('acme', {
      nodes: [
        {
          id: 'policy:tenant-isolation',
          kind: 'policy',
          validFrom: 0,
          observedAt: 0,
          provenance: { source: 'system', tenantId: 'acme' },
        },
      ],
      edges: [
        {
          from: 'policy:tenant-isolation',
          relation: 'applies-to',
          to: 'host:dc-01',
          validFrom: 0,
          observedAt: 0,
          provenance: { source: 'system', tenantId: 'acme' },
        },
      ],
    });
    const applicable = await graph.applicablePolicies('host:dc-01', builtInPolicies);
    expect(applicable.map((entry) => `${entry.policy.id} ${entry.source}`)).toEqual([
      'tenant-isolation graph',
      'critical-asset-containment governance',
    ]);
    const governance = await graph.governanceFor(['host:dc-01', 'host:ws-042']);
    const input = { hostname: 'DC-01' };
    const evaluation = evaluatePolicies([criticalAssetPolicy], {
      tenantId: 'acme',
      agent: { name: 'response', role: 'response' },
      tool: { name: 'containHost', risk: 'contain', capabilities: ['host.contain'] },
      input,
      inputValues: valuesOf(input),
      case: { id: 'case-2', tenantId: 'acme', entities: [] },
      governance,
    });
    expect(evaluation.effect).toBe('require-approval');
    expect(governance.match(['ws-042'])).toEqual([]);
  });

  it('keeps an internal file hash from a public lookup when the graph classifies it internal, however it is written', async () => {
    const { graph } = await seededGraph();
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    await graph.recordToolResult(
      { entities: [{ kind: 'hash', value: hash, governance: { classification: 'internal' } }] },
      { tool: 'getFileInfo', toolCallId: 'call-9', at: 40_000 },
    );
    const governance = await graph.governanceFor([`hash:sha256:${hash}`]);
    for (const written of [hash, hash.toUpperCase(), `SHA-256=${hash}`]) {
      const input = { query: { indicator: written } };
      const evaluation = evaluatePolicies(builtInPolicies, {
        tenantId: 'acme',
        agent: { name: 'enrichment', role: 'enrichment' },
        tool: { name: 'lookupHash', risk: 'read', capabilities: ['hash.reputation'] },
        input,
        inputValues: valuesOf(input),
        case: { id: 'case-1', tenantId: 'acme', entities: [] },
        governance,
      });
      expect(evaluation.effect, written).toBe('deny');
    }
  });

  it('links a decision to its case, its evidence and the decision it reviews', async () => {
    const { graph, store } = await seededGraph();
    await graph.recordDecision({
      id: 'd-2',
      at: 16_000,
      trace: {
        type: 'feedback',
        caseId: 'case-1',
        decidedBy: { type: 'analyst', id: 'bob' },
        rationale: 'Agreed',
        feedback: { kind: 'verdict-confirmed', reviews: 'd-1', agreed: true },
      },
    });
    const edges = await store.edgesOf('acme', ['decision:d-2'], { direction: 'out' });
    expect(edges.map((edge) => `${edge.relation} ${edge.to}`).sort()).toEqual([
      'decided-on case:case-1',
      'reviews decision:d-1',
    ]);
    expect((await graph.decisionsOn(['case-1'])).map((decision) => decision.id)).toEqual([
      'decision:d-2',
      'decision:d-1',
    ]);
  });

  it('carries the ATT&CK techniques of its alerts to the case', async () => {
    const { graph } = await seededGraph();
    const phish = parseAlert({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 4,
      time: 30_000,
      finding_info: { uid: 'f-1', title: 'Phishing' },
      metadata: { product: { vendor_name: 'Defender', name: 'Office 365' } },
      attacks: [{ technique: { uid: 'T1566' }, sub_technique: { uid: 'T1566.002' } }],
    });
    await graph.recordAlert(phish, { alertId: 'alert-3', caseId: 'case-1', observedAt: 30_000 });
    expect(await graph.attackTechniquesOfCase('case-1')).toEqual(['T1566', 'T1566.002']);
    expect(await graph.attackTechniquesOfCase('case-1', { asOf: 20_000 })).toEqual([]);
    expect(await graph.attackTechniquesOfCase('case-2')).toEqual([]);
  });

  it('never reads another tenant', async () => {
    const { store } = await seededGraph();
    const other = new ContextGraph({ store, tenantId: 'globex' });
    expect(await other.profile('user:jane@acme.example')).toBeNull();
    expect((await other.neighbourhood('host:ws-042')).nodes).toEqual([]);
  });
});
