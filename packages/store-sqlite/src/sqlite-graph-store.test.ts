import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContextGraph } from '@rampart/core';
import { graphStoreConformance, sampleGraphEdge, sampleGraphNode } from '@rampart/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteGraphStore } from './sqlite-graph-store.js';

const directory = mkdtempSync(join(tmpdir(), 'rampart-graph-'));
let files = 0;
const newFile = () => join(directory, `graph-${++files}.db`);
const opened: SqliteGraphStore[] = [];

afterAll(() => {
  for (const store of opened) store.close();
  rmSync(directory, { recursive: true, force: true });
});

function openStore(path = newFile()): SqliteGraphStore {
  const store = SqliteGraphStore.open(path);
  opened.push(store);
  return store;
}

describe('SqliteGraphStore', () => {
  for (const check of graphStoreConformance(async () => openStore())) it(check.name, check.run);

  it('keeps facts across a reopen of the file', async () => {
    const path = newFile();
    const first = SqliteGraphStore.open(path);
    await first.write('acme', {
      nodes: [sampleGraphNode('acme', 'host:dc-01', { governance: { criticality: 'critical' } })],
      edges: [sampleGraphEdge('acme', 'user:admin', 'owns', 'host:dc-01')],
    });
    first.close();
    const second = openStore(path);
    const graph = new ContextGraph({ store: second, tenantId: 'acme' });
    expect((await graph.profile('host:dc-01'))?.governance).toEqual({ criticality: 'critical' });
    expect((await graph.neighbourhood('host:dc-01')).edges.map((edge) => edge.from)).toEqual(['user:admin']);
  });
});
