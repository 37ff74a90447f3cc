import assert from 'node:assert/strict';
import { ValidationError } from '../errors.js';
import { GraphTenantError } from '../graph/graph-errors.js';
import type { GraphEdgeInput, GraphNodeId, GraphNodeInput, GraphRelation } from '../graph/graph-fact.js';
import type { GraphStore } from '../graph/graph-store.js';
import type { ConformanceCase } from './case-store-conformance.js';

const tenantA = 'tenant-a';
const tenantB = 'tenant-b';

const provenance = (tenantId: string, extra: Record<string, unknown> = {}) => ({
  source: 'alert' as const,
  tenantId,
  alertId: 'alert-1',
  ...extra,
});

/** A node version for the conformance checks: observed when it became valid unless told otherwise. */
export function sampleGraphNode(
  tenantId: string,
  id: GraphNodeId,
  overrides: Partial<GraphNodeInput> = {},
): GraphNodeInput {
  const validFrom = overrides.validFrom ?? 1_000;
  return {
    id,
    kind: id.slice(0, id.indexOf(':')) as GraphNodeInput['kind'],
    validFrom,
    observedAt: validFrom,
    provenance: provenance(tenantId),
    ...overrides,
  };
}

/** An edge version for the conformance checks. */
export function sampleGraphEdge(
  tenantId: string,
  from: GraphNodeId,
  relation: GraphRelation,
  to: GraphNodeId,
  overrides: Partial<GraphEdgeInput> = {},
): GraphEdgeInput {
  const validFrom = overrides.validFrom ?? 1_000;
  return { from, relation, to, validFrom, observedAt: validFrom, provenance: provenance(tenantId), ...overrides };
}

const describeEdges = (edges: { from: string; relation: string; to: string; validFrom: number }[]) =>
  edges.map((edge) => `${edge.from} ${edge.relation} ${edge.to} @${edge.validFrom}`);

async function rejectsWith(promise: Promise<unknown>, check: (error: unknown) => boolean, message: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(check(error), `${message}; got ${String(error)}`);
    return true;
  });
}

/**
 * The executable `GraphStore` contract. Runner-agnostic: an adapter's test does
 * `for (const check of graphStoreConformance(factory)) it(check.name, check.run)`.
 * `createStore` must return a new, empty store on every call.
 */
export function graphStoreConformance(createStore: () => Promise<GraphStore>): ConformanceCase[] {
  const checks: ConformanceCase[] = [];
  const check = (name: string, body: (store: GraphStore) => Promise<void>) =>
    checks.push({ name: `GraphStore: ${name}`, run: async () => body(await createStore()) });

  /** jane owns ws-042, which resolved evil.example; an alert names jane and the domain. */
  const seed = (store: GraphStore, tenantId = tenantA) =>
    store.write(tenantId, {
      nodes: [
        sampleGraphNode(tenantId, 'user:jane@acme.example', { label: 'Jane Doe', governance: { vip: true } }),
        sampleGraphNode(tenantId, 'host:ws-042', { governance: { criticality: 'low', owner: 'jane@acme.example' } }),
        sampleGraphNode(tenantId, 'domain:evil.example'),
        sampleGraphNode(tenantId, 'alert:alert-1', { attributes: { alertType: 'phishing' }, observedAt: 1_500 }),
      ],
      edges: [
        sampleGraphEdge(tenantId, 'user:jane@acme.example', 'owns', 'host:ws-042'),
        sampleGraphEdge(tenantId, 'host:ws-042', 'resolved', 'domain:evil.example', { validFrom: 1_200 }),
        sampleGraphEdge(tenantId, 'alert:alert-1', 'names', 'user:jane@acme.example', { observedAt: 1_500 }),
        sampleGraphEdge(tenantId, 'alert:alert-1', 'names', 'domain:evil.example', { observedAt: 1_500 }),
      ],
    });

  check('writes nodes and reads them back with defaults filled in', async (store) => {
    await seed(store);
    assert.deepEqual(await store.getNode(tenantA, 'user:jane@acme.example'), {
      id: 'user:jane@acme.example',
      kind: 'user',
      label: 'Jane Doe',
      attributes: {},
      governance: { vip: true },
      validFrom: 1_000,
      validTo: null,
      observedAt: 1_000,
      provenance: provenance(tenantA),
    });
    assert.equal(await store.getNode(tenantA, 'user:nobody'), null);
    const nodes = await store.getNodes(tenantA, ['domain:evil.example', 'user:nobody', 'host:ws-042', 'host:ws-042']);
    assert.deepEqual(
      nodes.map((node) => node.id),
      ['domain:evil.example', 'host:ws-042'],
    );
  });

  check('hands out facts a caller cannot change behind the store', async (store) => {
    await seed(store);
    const node = await store.getNode(tenantA, 'host:ws-042');
    const [edge] = await store.edgesOf(tenantA, ['host:ws-042'], { direction: 'out' });
    const attempt = (change: () => void) => {
      try {
        change();
      } catch {
        // A store may freeze what it returns instead of copying it.
      }
    };
    attempt(() => {
      (node as { governance: { criticality: string } }).governance.criticality = 'critical';
    });
    attempt(() => {
      (edge as { relation: string }).relation = 'owns';
    });
    assert.equal((await store.getNode(tenantA, 'host:ws-042'))?.governance?.criticality, 'low');
    assert.equal((await store.edgesOf(tenantA, ['host:ws-042'], { direction: 'out' }))[0]?.relation, 'resolved');
  });

  check('keeps every dimension of a decision node: governance, decision trace and full provenance', async (store) => {
    const decision = sampleGraphNode(tenantA, 'decision:d-1', {
      attributes: { note: 'x', nested: { list: [1, 'two', null] } },
      governance: { classification: 'confidential', policies: ['vip-account-actions'] },
      decision: {
        type: 'verdict',
        caseId: 'case-1',
        decidedBy: { type: 'analyst', id: 'alice' },
        rationale: 'Known travel, benign login',
        alertType: 'authentication:impossible-travel',
        verdict: 'benign',
        confidence: 0.9,
        evidence: ['user:jane@acme.example'],
      },
      provenance: {
        source: 'tool-call',
        tenantId: tenantA,
        connectorId: 'okta',
        tool: 'getUser',
        toolCallId: 'call-1',
        caseId: 'case-1',
        actor: { type: 'agent', id: 'triage' },
        auditLeafIndex: 12,
      },
    });
    await store.write(tenantA, { nodes: [decision] });
    assert.deepEqual(await store.getNode(tenantA, 'decision:d-1'), { validTo: null, ...decision });
  });

  check('never shows one tenant the facts of another', async (store) => {
    await seed(store, tenantA);
    assert.equal(await store.getNode(tenantB, 'user:jane@acme.example'), null);
    assert.deepEqual(await store.getNodes(tenantB, ['host:ws-042']), []);
    assert.deepEqual(await store.nodeVersions(tenantB, 'host:ws-042'), []);
    assert.deepEqual(await store.edgesOf(tenantB, ['host:ws-042']), []);
    assert.deepEqual(await store.findNodes(tenantB, {}), []);
    await store.write(tenantB, { nodes: [sampleGraphNode(tenantB, 'host:ws-042', { label: 'B' })] });
    assert.equal((await store.getNode(tenantA, 'host:ws-042'))?.label, undefined);
    assert.equal((await store.getNode(tenantB, 'host:ws-042'))?.label, 'B');
  });

  check('refuses a fact whose provenance names another tenant, and writes nothing of that batch', async (store) => {
    await rejectsWith(
      store.write(tenantA, {
        nodes: [sampleGraphNode(tenantA, 'host:ws-001')],
        edges: [sampleGraphEdge(tenantB, 'host:ws-001', 'resolved', 'domain:evil.example')],
      }),
      (error) => GraphTenantError.isInstance(error) && error.path === 'edges[0].provenance.tenantId',
      'a fact of tenant-b in a write for tenant-a must be refused, naming where it is',
    );
    assert.equal(await store.getNode(tenantA, 'host:ws-001'), null);
  });

  check('rejects malformed facts naming the bad path, and writes nothing of that batch', async (store) => {
    for (const [facts, path] of [
      [
        { nodes: [sampleGraphNode(tenantA, 'host:ws-1'), { ...sampleGraphNode(tenantA, 'host:ws-2'), kind: 'user' }] },
        'nodes[1].kind',
      ],
      [
        { nodes: [sampleGraphNode(tenantA, 'host:ws-1'), sampleGraphNode(tenantA, 'decision:d-1')] },
        'nodes[1].decision',
      ],
      [{ edges: [sampleGraphEdge(tenantA, 'host:ws-1', 'owns', 'ghost:x' as GraphNodeId)] }, 'edges[0].to'],
      [{ edges: [sampleGraphEdge(tenantA, 'host:ws-1', 'likes' as GraphRelation, 'host:ws-2')] }, 'edges[0].relation'],
      [{ edges: [sampleGraphEdge(tenantA, 'host:ws-1', 'owns', 'host:ws-2', { validTo: 1_000 })] }, 'edges[0].validTo'],
    ] as const) {
      await rejectsWith(
        store.write(tenantA, facts as never),
        (error) => ValidationError.isInstance(error) && error.issues.some((issue) => issue.path === path),
        `a write with a bad ${path} must be refused naming that path`,
      );
    }
    assert.equal(await store.getNode(tenantA, 'host:ws-1'), null);
    assert.deepEqual(await store.edgesOf(tenantA, ['host:ws-1'], { allTime: true }), []);
  });

  check('answers "as of" a time with what was known and held then, and keeps every version', async (store) => {
    const host = 'host:dc-01' as const;
    await store.write(tenantA, {
      nodes: [
        sampleGraphNode(tenantA, host, { governance: { criticality: 'medium' }, validTo: 5_000 }),
        sampleGraphNode(tenantA, host, {
          governance: { criticality: 'critical' },
          validFrom: 5_000,
          observedAt: 6_000,
        }),
      ],
    });
    const criticality = async (asOf?: number) =>
      (await store.getNode(tenantA, host, asOf === undefined ? {} : { asOf }))?.governance?.criticality ?? null;
    assert.equal(await criticality(), 'critical');
    assert.equal(await criticality(999), null, 'nothing was known before the first observation');
    assert.equal(await criticality(1_000), 'medium');
    assert.equal(await criticality(5_500), null, 'the change held from 5000 but was only learned at 6000');
    assert.equal(await criticality(6_000), 'critical');
    assert.deepEqual(
      (await store.nodeVersions(tenantA, host)).map((node) => node.governance?.criticality),
      ['medium', 'critical'],
    );
    await store.write(tenantA, {
      nodes: [
        sampleGraphNode(tenantA, host, { governance: { criticality: 'high' }, validFrom: 5_000, observedAt: 7_000 }),
      ],
    });
    assert.deepEqual(
      (await store.nodeVersions(tenantA, host)).map((node) => node.governance?.criticality),
      ['medium', 'high'],
      'a version with the same validFrom replaces the earlier one',
    );
  });

  check('ensureNodes writes a node only when it has no version yet', async (store) => {
    await seed(store);
    await store.write(tenantA, {
      ensureNodes: [
        sampleGraphNode(tenantA, 'user:jane@acme.example', { label: 'Overwritten', validFrom: 9_000 }),
        sampleGraphNode(tenantA, 'ip:203.0.113.7', { validFrom: 9_000 }),
      ],
    });
    const jane = await store.nodeVersions(tenantA, 'user:jane@acme.example');
    assert.deepEqual(
      jane.map((node) => node.label),
      ['Jane Doe'],
    );
    assert.equal((await store.getNode(tenantA, 'ip:203.0.113.7'))?.validFrom, 9_000);
  });

  check('reads edges by direction and relation, the most recently observed first', async (store) => {
    await seed(store);
    assert.deepEqual(describeEdges(await store.edgesOf(tenantA, ['host:ws-042'])), [
      'host:ws-042 resolved domain:evil.example @1200',
      'user:jane@acme.example owns host:ws-042 @1000',
    ]);
    assert.deepEqual(describeEdges(await store.edgesOf(tenantA, ['host:ws-042'], { direction: 'out' })), [
      'host:ws-042 resolved domain:evil.example @1200',
    ]);
    assert.deepEqual(describeEdges(await store.edgesOf(tenantA, ['host:ws-042'], { direction: 'in' })), [
      'user:jane@acme.example owns host:ws-042 @1000',
    ]);
    assert.deepEqual(
      describeEdges(
        await store.edgesOf(tenantA, ['domain:evil.example', 'user:jane@acme.example'], { relations: ['names'] }),
      ),
      ['alert:alert-1 names domain:evil.example @1000', 'alert:alert-1 names user:jane@acme.example @1000'],
    );
    assert.equal(
      (await store.edgesOf(tenantA, ['user:jane@acme.example', 'host:ws-042'])).length,
      3,
      'an edge between two asked-for nodes is returned once',
    );
    assert.equal((await store.edgesOf(tenantA, ['alert:alert-1'], { limit: 1 })).length, 1);
    assert.deepEqual(await store.edgesOf(tenantA, []), []);
  });

  check('reads edges as of a time, hides ended ones by default, and shows all of them on request', async (store) => {
    await seed(store);
    await store.write(tenantA, {
      edges: [
        sampleGraphEdge(tenantA, 'user:jane@acme.example', 'owns', 'host:ws-042', {
          validTo: 3_000,
          observedAt: 3_000,
        }),
        sampleGraphEdge(tenantA, 'user:bob@acme.example', 'owns', 'host:ws-042', { validFrom: 3_000 }),
      ],
    });
    const owners = async (scope: { asOf?: number; allTime?: boolean }) =>
      describeEdges(await store.edgesOf(tenantA, ['host:ws-042'], { relations: ['owns'], ...scope }));
    assert.deepEqual(await owners({}), ['user:bob@acme.example owns host:ws-042 @3000']);
    assert.deepEqual(await owners({ asOf: 2_000 }), [], 'the edge version valid at 2000 was only observed at 3000');
    assert.deepEqual(await owners({ asOf: 3_500 }), ['user:bob@acme.example owns host:ws-042 @3000']);
    assert.deepEqual(await owners({ allTime: true }), [
      'user:bob@acme.example owns host:ws-042 @3000',
      'user:jane@acme.example owns host:ws-042 @1000',
    ]);
  });

  check('finds nodes by kind and attribute, the most recently observed first, within a limit', async (store) => {
    await seed(store);
    await store.write(tenantA, {
      nodes: [
        sampleGraphNode(tenantA, 'alert:alert-2', { attributes: { alertType: 'phishing' }, observedAt: 2_000 }),
        sampleGraphNode(tenantA, 'alert:alert-3', { attributes: { alertType: 'malware' }, observedAt: 3_000 }),
      ],
    });
    const ids = async (query: Parameters<GraphStore['findNodes']>[1]) =>
      (await store.findNodes(tenantA, query)).map((node) => node.id);
    assert.deepEqual(await ids({ kinds: ['alert'] }), ['alert:alert-3', 'alert:alert-2', 'alert:alert-1']);
    assert.deepEqual(await ids({ kinds: ['alert'], attributes: { alertType: 'phishing' } }), [
      'alert:alert-2',
      'alert:alert-1',
    ]);
    assert.deepEqual(await ids({ kinds: ['alert'], limit: 1 }), ['alert:alert-3']);
    assert.deepEqual(await ids({ kinds: ['alert'], asOf: 1_600 }), ['alert:alert-1']);
    assert.deepEqual(await ids({ kinds: ['host', 'user'] }), ['host:ws-042', 'user:jane@acme.example']);
  });

  check('matches attributes by JSON type: true is not 1, and "1" is not 1', async (store) => {
    await store.write(tenantA, {
      nodes: [
        sampleGraphNode(tenantA, 'host:a', { attributes: { flag: true } }),
        sampleGraphNode(tenantA, 'host:b', { attributes: { flag: 1 } }),
        sampleGraphNode(tenantA, 'host:c', { attributes: { flag: '1' } }),
      ],
    });
    const ids = async (flag: string | number | boolean) =>
      (await store.findNodes(tenantA, { attributes: { flag } })).map((node) => node.id);
    assert.deepEqual(await ids(true), ['host:a']);
    assert.deepEqual(await ids(1), ['host:b']);
    assert.deepEqual(await ids('1'), ['host:c']);
  });

  return checks;
}
