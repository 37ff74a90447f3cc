import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AuditLog, type AuditStore } from '@rampart/core';
import { auditTamperingConformance } from '@rampart/core/testing';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres, postgresUrl, TestSchemas } from '../test/support/postgres.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { PostgresDatabase } from './postgres-database.js';

/** Runs one writer process; resolves with when its appends started and finished (epoch milliseconds). */
function runWriter(
  schema: string,
  tenantId: string,
  writer: string,
  batches: number,
  size: number,
): Promise<{ started: number; finished: number }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@rampart/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./__fixtures__/append-audit-events.ts', import.meta.url)),
      postgresUrl,
      schema,
      tenantId,
      writer,
      String(batches),
      String(size),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`${writer} exited with ${code}`)),
    );
  });
}

/** Writer and sequence of every leaf, in leaf order. */
async function leavesByWriter(store: AuditStore): Promise<{ writer: string; sequence: number }[]> {
  const leaves = await store.readLeaves(0, await store.size());
  return leaves.map((leaf) => (JSON.parse(leaf.canonical) as { data: { writer: string; sequence: number } }).data);
}

describeWithPostgres('PostgresAuditStore', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  it('keeps one gapless, verifiable log per tenant while four processes migrate and append at once', async () => {
    const schema = schemas.nextName();
    const writers = ['writer-1', 'writer-2', 'writer-3', 'writer-4'];
    const batches = 15;
    const size = 20;
    // Three processes share tenant A's log; the fourth writes tenant B's at the same time.
    const spans = await Promise.all(
      writers.map((writer, index) => runWriter(schema, index === 3 ? 'tenant-b' : 'tenant-a', writer, batches, size)),
    );
    const seconds =
      (Math.max(...spans.map((span) => span.finished)) - Math.min(...spans.map((span) => span.started))) / 1000;
    const events = writers.length * batches * size;
    console.log(
      `[store-postgres] 4 processes appended ${events} audit events in batches of ${size}: ${Math.round(events / seconds)} events/s (3 of them contending for one tenant's log)`,
    );

    const database = new PostgresDatabase({ pool: schemas.pool, schema });
    const migrations = await database.asOwner((session) =>
      session.query<{ component: string; version: number }>(
        `SELECT component, version FROM ${database.table('schema_migrations')} ORDER BY component, version`,
      ),
    );
    expect(migrations).toEqual([
      { component: 'audit', version: 1 },
      { component: 'cases', version: 1 },
      { component: 'graph', version: 1 },
      { component: 'runs', version: 1 },
    ]);

    const tenantA = new PostgresAuditStore(database, 'tenant-a');
    const tenantB = new PostgresAuditStore(database, 'tenant-b');
    expect(await tenantA.size()).toBe(3 * batches * size);
    expect(await tenantB.size()).toBe(batches * size);
    for (const store of [tenantA, tenantB]) {
      const leaves = await store.readLeaves(0, await store.size());
      expect(leaves.map((leaf) => leaf.index)).toEqual(leaves.map((_, index) => index));
      expect((await (await AuditLog.open(store)).verify()).ok).toBe(true);
    }
    // Every event of every writer is there exactly once, in the order its writer appended it.
    const inA = await leavesByWriter(tenantA);
    for (const writer of writers.slice(0, 3)) {
      expect(inA.filter((leaf) => leaf.writer === writer).map((leaf) => leaf.sequence)).toEqual(
        Array.from({ length: batches * size }, (_, index) => index),
      );
    }
    expect(new Set((await leavesByWriter(tenantB)).map((leaf) => leaf.writer))).toEqual(new Set(['writer-4']));
    // Each tenant signs with its own key.
    expect((await AuditLog.open(tenantA)).keyId).not.toBe((await AuditLog.open(tenantB)).keyId);
  }, 120_000);

  /** Direct edits as the table owner: the application role has no UPDATE or DELETE on the audit tables. */
  for (const check of auditTamperingConformance(async () => {
    const database = await schemas.database();
    const store = new PostgresAuditStore(database, 'tenant-a');
    const edit = (text: string, values: unknown[]) =>
      database.asOwner((session) => session.execute(text, values)).then(() => undefined);
    const leaves = database.table('audit_leaves');
    const heads = database.table('audit_tree_heads');
    return {
      store,
      editLeaf: async (index, fields) => {
        for (const [field, column] of [
          ['canonical', 'canonical'],
          ['leafHash', 'leaf_hash'],
          ['positionHash', 'position_hash'],
        ] as const) {
          const value = fields[field];
          if (value !== undefined) {
            await edit(`UPDATE ${leaves} SET ${column} = $1 WHERE tenant_id = 'tenant-a' AND leaf_index = $2`, [
              value,
              index,
            ]);
          }
        }
      },
      // Through a parking index, in one transaction: the primary key is checked row by row.
      swapLeaves: (first, second) =>
        database.asOwner(async (session) => {
          const move = `UPDATE ${leaves} SET leaf_index = $2 WHERE tenant_id = 'tenant-a' AND leaf_index = $1`;
          const parking = 1_000_000_000;
          await session.execute(move, [first, parking]);
          await session.execute(move, [second, first]);
          await session.execute(move, [parking, second]);
        }),
      deleteLeaves: (from, to) =>
        edit(`DELETE FROM ${leaves} WHERE tenant_id = 'tenant-a' AND leaf_index >= $1 AND leaf_index < $2`, [from, to]),
      editSubtreeHash: (level, index, hash) =>
        edit(
          `UPDATE ${database.table('audit_subtrees')} SET hash = $3
           WHERE tenant_id = 'tenant-a' AND level = $1 AND subtree_index = $2`,
          [level, index, hash],
        ),
      editTreeHeads: async (treeSize, fields) => {
        for (const [field, column] of [
          ['rootHash', 'root_hash'],
          ['timestamp', 'timestamp'],
          ['signature', 'signature'],
          ['keyId', 'key_id'],
          ['treeSize', 'tree_size'],
        ] as const) {
          const value = fields[field];
          if (value !== undefined) {
            await edit(`UPDATE ${heads} SET ${column} = $1 WHERE tenant_id = 'tenant-a' AND tree_size = $2`, [
              value,
              treeSize,
            ]);
          }
        }
      },
      deleteTreeHeads: (treeSize) =>
        edit(`DELETE FROM ${heads} WHERE tenant_id = 'tenant-a' AND tree_size = $1`, [treeSize]),
    };
  })) {
    it(check.name, check.run);
  }
});
