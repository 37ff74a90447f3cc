import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditLog, type AuditLeafRecord, ManualClock, type SignedTreeHead } from '@rampart/core';
import { auditStoreConformance, auditTamperingConformance } from '@rampart/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';

const directory = mkdtempSync(join(tmpdir(), 'rampart-audit-'));
let files = 0;
const newFile = () => join(directory, `audit-${++files}.db`);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Edits stored rows with plain SQL, as someone with write access to the database file could. */
function tamperable(store: SqliteAuditStore) {
  const database = store.database;
  const leafColumns = { canonical: 'canonical', leafHash: 'leaf_hash', positionHash: 'position_hash' } as const;
  const headColumns = {
    treeSize: 'tree_size',
    rootHash: 'root_hash',
    timestamp: 'timestamp',
    signature: 'signature',
    keyId: 'key_id',
  } as const;
  return {
    store,
    async editLeaf(index: number, fields: Partial<Omit<AuditLeafRecord, 'index'>>) {
      for (const [field, value] of Object.entries(fields)) {
        const column = leafColumns[field as keyof typeof leafColumns];
        database.prepare(`UPDATE audit_leaves SET ${column} = ? WHERE leaf_index = ?`).run(value, index);
      }
    },
    async swapLeaves(first: number, second: number) {
      database.transaction(() => {
        const read = database.prepare(
          'SELECT canonical, leaf_hash, position_hash FROM audit_leaves WHERE leaf_index = ?',
        );
        const write = database.prepare(
          'UPDATE audit_leaves SET canonical = ?, leaf_hash = ?, position_hash = ? WHERE leaf_index = ?',
        );
        const a = read.get(first) as { canonical: string; leaf_hash: string; position_hash: string };
        const b = read.get(second) as typeof a;
        write.run(b.canonical, b.leaf_hash, b.position_hash, first);
        write.run(a.canonical, a.leaf_hash, a.position_hash, second);
      })();
    },
    async deleteLeaves(from: number, to: number) {
      database.prepare('DELETE FROM audit_leaves WHERE leaf_index >= ? AND leaf_index < ?').run(from, to);
    },
    async editSubtreeHash(level: number, index: number, hash: string) {
      const result = database
        .prepare('UPDATE audit_subtrees SET hash = ? WHERE level = ? AND subtree_index = ?')
        .run(hash, level, index);
      expect(result.changes).toBe(1);
    },
    async editTreeHeads(treeSize: number, fields: Partial<SignedTreeHead>) {
      for (const [field, value] of Object.entries(fields)) {
        const column = headColumns[field as keyof typeof headColumns];
        database.prepare(`UPDATE audit_tree_heads SET ${column} = ? WHERE tree_size = ?`).run(value, treeSize);
      }
    },
    async deleteTreeHeads(treeSize: number) {
      database.prepare('DELETE FROM audit_tree_heads WHERE tree_size = ?').run(treeSize);
    },
  };
}

describe('SqliteAuditStore', () => {
  const checks = auditStoreConformance(async () => SqliteAuditStore.open(newFile()), {
    reopen: async (store) => {
      const path = (store as SqliteAuditStore).database.name;
      (store as SqliteAuditStore).close();
      return SqliteAuditStore.open(path);
    },
    dispose: async (store) => (store as SqliteAuditStore).close(),
  });
  for (const check of checks) it(check.name, check.run);

  for (const check of auditTamperingConformance(async () => tamperable(SqliteAuditStore.open(newFile())))) {
    it(check.name, check.run);
  }

  it('shares one database file with other stores', async () => {
    const database = openDatabase(newFile());
    database.exec('CREATE TABLE other_component (id INTEGER PRIMARY KEY)');
    const store = new SqliteAuditStore(database);
    const again = new SqliteAuditStore(database);
    const log = await AuditLog.open(store);
    await log.append({ type: 'case-created', at: 1, tenantId: 't', actor: { type: 'system', id: 'engine' }, data: {} });
    expect(await again.size()).toBe(1);
    again.close();
    expect(database.open).toBe(true);
    const components = database.prepare('SELECT component, version FROM schema_migrations').all();
    expect(components).toEqual([{ component: 'audit', version: 1 }]);
    database.close();
  });

  it('lets two connections to one file append to the same log without losing or mixing leaves', async () => {
    const path = newFile();
    const [first, second] = [SqliteAuditStore.open(path), SqliteAuditStore.open(path)];
    const [one, two] = [await AuditLog.open(first), await AuditLog.open(second)];
    expect(two.keyId).toBe(one.keyId);
    const event = (writer: string, index: number) => ({
      type: 'tool-called',
      at: index,
      tenantId: 'tenant-a',
      actor: { type: 'agent' as const, id: writer },
      data: { index },
    });
    const writes = Array.from({ length: 20 }, (_, index) => [
      one.appendMany([event('one', index), event('one', index)]),
      two.append(event('two', index)),
    ]).flat();
    await Promise.all(writes);
    expect(await one.verify()).toEqual({ ok: true, size: 60, root: await two.root() });
    first.close();
    second.close();
  });

  it('keeps signing with the same key after the file is reopened', async () => {
    const path = newFile();
    const clock = new ManualClock();
    const first = SqliteAuditStore.open(path);
    const log = await AuditLog.open(first, { clock });
    const event = (index: number) => ({
      type: 'tool-called',
      at: index,
      tenantId: 'tenant-a',
      actor: { type: 'agent' as const, id: 'triage' },
      data: { index },
    });
    await log.appendMany(Array.from({ length: 100 }, (_, index) => event(index)));
    const head = await log.signTreeHead();
    const publicKey = log.publicKeyPem();
    first.close();

    const second = SqliteAuditStore.open(path);
    const reopened = await AuditLog.open(second, { clock });
    expect(reopened.publicKeyPem()).toBe(publicKey);
    expect(await reopened.root()).toBe(head.rootHash);
    await reopened.append(event(100));
    const later = await reopened.signTreeHead();
    expect(await reopened.verify({ publicKey, trustedHeads: [head] })).toEqual({
      ok: true,
      size: 101,
      root: later.rootHash,
    });
    second.close();
  });

  it('loses no half-written batch when the writing process is killed mid-append', async () => {
    const path = newFile();
    const child = spawn(
      process.execPath,
      [
        '--conditions=@rampart/source',
        '--import',
        'tsx',
        fileURLToPath(new URL('./__fixtures__/append-until-killed.ts', import.meta.url)),
        path,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let lastReported = 0;
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`writer exited on its own with ${code}`)));
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        lastReported = Number(chunk.trim().split('\n').at(-1));
        if (lastReported >= 2000) resolve();
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const store = SqliteAuditStore.open(path);
    const log = await AuditLog.open(store);
    const result = await log.verify();
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.size % 100).toBe(0);
      expect(result.size).toBeGreaterThanOrEqual(lastReported);
    }
    store.close();
  }, 60_000);
});
