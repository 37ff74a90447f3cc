import {
  type AuditAppendBatch,
  type AuditLeafRecord,
  type AuditStore,
  ConflictError,
  type SignedTreeHead,
  type SubtreeHashRecord,
} from '@rampart/core';
import type Database from 'better-sqlite3';
import { auditMigrations } from './audit-migrations.js';
import { migrate, openDatabase, type SqliteDatabase } from './database.js';

type LeafRow = { leaf_index: number; canonical: string; leaf_hash: string; position_hash: string };
type HeadRow = { tree_size: number; root_hash: string; timestamp: number; signature: string; key_id: string };

/**
 * The audit log's `AuditStore` in SQLite. Each append is one transaction, so a crash leaves the log as it was
 * before or after the whole batch, never in between; with write-ahead logging, readers never block it.
 *
 * Pass an open database to share one file with other stores (`new SqliteAuditStore(database)`), or let
 * `SqliteAuditStore.open(path)` open and own one.
 */
export class SqliteAuditStore implements AuditStore {
  private readonly statements;
  private readonly appendBatch: Database.Transaction<(batch: AuditAppendBatch) => void>;

  constructor(
    readonly database: SqliteDatabase,
    private readonly options: { ownsDatabase?: boolean } = {},
  ) {
    migrate(database, 'audit', auditMigrations);
    this.statements = {
      size: database.prepare('SELECT COALESCE(MAX(leaf_index) + 1, 0) AS size FROM audit_leaves').pluck(),
      insertLeaf: database.prepare(
        'INSERT INTO audit_leaves (leaf_index, canonical, leaf_hash, position_hash) VALUES (?, ?, ?, ?)',
      ),
      insertSubtree: database.prepare('INSERT INTO audit_subtrees (level, subtree_index, hash) VALUES (?, ?, ?)'),
      readLeaves: database.prepare(
        'SELECT leaf_index, canonical, leaf_hash, position_hash FROM audit_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
      ),
      readLeafHashes: database.prepare(
        'SELECT leaf_index AS "index", leaf_hash AS hash FROM audit_leaves WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
      ),
      readSubtrees: database.prepare(
        'SELECT subtree_index AS "index", hash FROM audit_subtrees WHERE level = ? AND subtree_index >= ? AND subtree_index < ? ORDER BY subtree_index',
      ),
      insertHead: database.prepare(
        'INSERT INTO audit_tree_heads (tree_size, root_hash, timestamp, signature, key_id) VALUES (?, ?, ?, ?, ?)',
      ),
      listHeads: database.prepare(
        'SELECT tree_size, root_hash, timestamp, signature, key_id FROM audit_tree_heads ORDER BY tree_size, timestamp, id',
      ),
      getKey: database.prepare('SELECT private_key_pem FROM audit_signing_key WHERE id = 1').pluck(),
      insertKey: database.prepare('INSERT OR IGNORE INTO audit_signing_key (id, private_key_pem) VALUES (1, ?)'),
    };
    this.appendBatch = database.transaction((batch: AuditAppendBatch) => {
      const size = this.statements.size.get() as number;
      if (batch.firstIndex !== size) throw new ConflictError('AuditLog', 'leaves', batch.firstIndex, size);
      batch.leaves.forEach((leaf, offset) => {
        if (leaf.index !== batch.firstIndex + offset) {
          throw new RangeError(
            `Leaf ${offset} of the batch has index ${leaf.index}, expected ${batch.firstIndex + offset}`,
          );
        }
        this.statements.insertLeaf.run(leaf.index, leaf.canonical, leaf.leafHash, leaf.positionHash);
      });
      // A repeated (level, index) violates the primary key and rolls the whole batch back.
      for (const node of batch.subtreeHashes) this.statements.insertSubtree.run(node.level, node.index, node.hash);
    });
  }

  /** Opens (or creates) the database file at `path` for this store alone; `close()` closes it. */
  static open(path: string): SqliteAuditStore {
    return new SqliteAuditStore(openDatabase(path), { ownsDatabase: true });
  }

  /** Closes the database if this store opened it; a shared database is its opener's to close. */
  close(): void {
    if (this.options.ownsDatabase) this.database.close();
  }

  async size(): Promise<number> {
    return this.statements.size.get() as number;
  }

  async append(batch: AuditAppendBatch): Promise<void> {
    // BEGIN IMMEDIATE takes the write lock before reading the size, so a writer in another process either
    // waits (busy_timeout) or sees the other's leaves and gets a ConflictError; the check can never go stale.
    this.appendBatch.immediate(batch);
  }

  async readLeaves(from: number, to: number): Promise<AuditLeafRecord[]> {
    return (this.statements.readLeaves.all(from, to) as LeafRow[]).map((row) => ({
      index: row.leaf_index,
      canonical: row.canonical,
      leafHash: row.leaf_hash,
      positionHash: row.position_hash,
    }));
  }

  async readSubtreeHashes(level: number, from: number, to: number): Promise<SubtreeHashRecord[]> {
    const rows = (
      level === 0 ? this.statements.readLeafHashes.all(from, to) : this.statements.readSubtrees.all(level, from, to)
    ) as { index: number; hash: string }[];
    return rows.map((row) => ({ level, index: row.index, hash: row.hash }));
  }

  async saveTreeHead(head: SignedTreeHead): Promise<void> {
    this.statements.insertHead.run(head.treeSize, head.rootHash, head.timestamp, head.signature, head.keyId);
  }

  async listTreeHeads(): Promise<SignedTreeHead[]> {
    return (this.statements.listHeads.all() as HeadRow[]).map((row) => ({
      treeSize: row.tree_size,
      rootHash: row.root_hash,
      timestamp: row.timestamp,
      signature: row.signature,
      keyId: row.key_id,
    }));
  }

  async getSigningKey(): Promise<string | undefined> {
    return this.statements.getKey.get() as string | undefined;
  }

  async saveSigningKeyIfAbsent(privateKeyPem: string): Promise<string> {
    this.statements.insertKey.run(privateKeyPem);
    return this.statements.getKey.get() as string;
  }
}
