import { sampleGraphNode } from '@rampart/core/testing';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres, TestSchemas } from '../test/support/postgres.js';
import { PostgresGraphStore } from './postgres-graph-store.js';

describeWithPostgres('PostgresGraphStore', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  it('keeps one first version per node when two processes ensure the same new nodes at once', async () => {
    const database = await schemas.database();
    const one = new PostgresGraphStore(database);
    const two = new PostgresGraphStore(schemas.secondConnection(database));
    const ids = Array.from({ length: 10 }, (_, index) => `host:ws-${index}` as const);
    // Opposite orders, so a writer locking ids in the order given would deadlock with the other.
    await Promise.all([
      one.write('acme', { ensureNodes: ids.map((id) => sampleGraphNode('acme', id, { validFrom: 1_000 })) }),
      two.write('acme', {
        ensureNodes: [...ids].reverse().map((id) => sampleGraphNode('acme', id, { validFrom: 2_000 })),
      }),
    ]);
    for (const id of ids) {
      const versions = await one.nodeVersions('acme', id);
      expect(versions, id).toHaveLength(1);
    }
  });
});
