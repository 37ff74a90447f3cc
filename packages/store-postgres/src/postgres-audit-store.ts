import {
  type AuditAppendBatch,
  type AuditLeafRecord,
  type AuditStore,
  ConflictError,
  type SignedTreeHead,
  type SubtreeHashRecord,
} from '@rampart/core';
import { lockNamespace } from './migrations.js';
import type { PostgresDatabase } from './postgres-database.js';
import { TenantScopeError } from './postgres-errors.js';

type LeafRow = { leaf_index: string; canonical: string; leaf_hash: string; position_hash: string };
type HeadRow = { tree_size: string; root_hash: string; timestamp: string; signature: string; key_id: string };

/**
 * One tenant's audit log as an `AuditStore` in PostgreSQL. Appends for a tenant are serialised by a
 * transaction-scoped advisory lock taken before the size is read, so writers in any number of processes queue
 * instead of racing: the size check cannot go stale, leaf indexes get no gaps and no duplicates, and a writer
 * that lost the race gets a `ConflictError` (which `AuditLog` answers by reloading and retrying). Tenants never
 * wait on each other's lock, except on the rare collision of two lock keys' hashes.
 */
export class PostgresAuditStore implements AuditStore {
  private readonly sql;

  constructor(
    readonly database: PostgresDatabase,
    readonly tenantId: string,
  ) {
    if (typeof tenantId !== 'string' || tenantId === '') throw new TenantScopeError('An audit log');
    const leaves = database.table('audit_leaves');
    const subtrees = database.table('audit_subtrees');
    const heads = database.table('audit_tree_heads');
    const keys = database.table('audit_signing_keys');
    this.sql = {
      lock: 'SELECT pg_advisory_xact_lock($1, hashtext($2))',
      size: `SELECT COALESCE(MAX(leaf_index) + 1, 0) AS size FROM ${leaves} WHERE tenant_id = $1`,
      insertLeaves: `INSERT INTO ${leaves} (tenant_id, leaf_index, canonical, leaf_hash, position_hash)
        SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[])`,
      insertSubtrees: `INSERT INTO ${subtrees} (tenant_id, level, subtree_index, hash)
        SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::text[])`,
      readLeaves: `SELECT leaf_index, canonical, leaf_hash, position_hash FROM ${leaves}
        WHERE tenant_id = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index`,
      readLeafHashes: `SELECT leaf_index AS index, leaf_hash AS hash FROM ${leaves}
        WHERE tenant_id = $1 AND leaf_index >= $2 AND leaf_index < $3 ORDER BY leaf_index`,
      readSubtrees: `SELECT subtree_index AS index, hash FROM ${subtrees}
        WHERE tenant_id = $1 AND level = $2 AND subtree_index >= $3 AND subtree_index < $4 ORDER BY subtree_index`,
      insertHead: `INSERT INTO ${heads} (tenant_id, tree_size, root_hash, timestamp, signature, key_id)
        VALUES ($1, $2, $3, $4, $5, $6)`,
      listHeads: `SELECT tree_size, root_hash, timestamp, signature, key_id FROM ${heads}
        WHERE tenant_id = $1 ORDER BY tree_size, timestamp, id`,
      getKey: `SELECT private_key_pem FROM ${keys} WHERE tenant_id = $1`,
      insertKey: `INSERT INTO ${keys} (tenant_id, private_key_pem) VALUES ($1, $2) ON CONFLICT (tenant_id) DO NOTHING`,
    };
  }

  async size(): Promise<number> {
    const [row] = await this.database.inTenant(this.tenantId, (session) =>
      session.query<{ size: string }>(this.sql.size, [this.tenantId]),
    );
    return Number(row?.size ?? 0);
  }

  async append(batch: AuditAppendBatch): Promise<void> {
    batch.leaves.forEach((leaf, offset) => {
      if (leaf.index !== batch.firstIndex + offset) {
        throw new RangeError(
          `Leaf ${offset} of the batch has index ${leaf.index}, expected ${batch.firstIndex + offset}`,
        );
      }
    });
    const tenantId = this.tenantId;
    await this.database.inTenant(tenantId, async (session) => {
      await session.query(this.sql.lock, [lockNamespace.auditAppend, `${this.database.names.schemaName}/${tenantId}`]);
      const [row] = await session.query<{ size: string }>(this.sql.size, [tenantId]);
      const size = Number(row?.size ?? 0);
      if (batch.firstIndex !== size) throw new ConflictError('AuditLog', tenantId, batch.firstIndex, size);
      if (batch.leaves.length > 0) {
        await session.execute(this.sql.insertLeaves, [
          tenantId,
          batch.leaves.map((leaf) => leaf.index),
          batch.leaves.map((leaf) => leaf.canonical),
          batch.leaves.map((leaf) => leaf.leafHash),
          batch.leaves.map((leaf) => leaf.positionHash),
        ]);
      }
      // A (level, index) stored before violates the primary key and rolls the whole batch back.
      if (batch.subtreeHashes.length > 0) {
        await session.execute(this.sql.insertSubtrees, [
          tenantId,
          batch.subtreeHashes.map((node) => node.level),
          batch.subtreeHashes.map((node) => node.index),
          batch.subtreeHashes.map((node) => node.hash),
        ]);
      }
    });
  }

  async readLeaves(from: number, to: number): Promise<AuditLeafRecord[]> {
    const rows = await this.database.inTenant(this.tenantId, (session) =>
      session.query<LeafRow>(this.sql.readLeaves, [this.tenantId, from, to]),
    );
    return rows.map((row) => ({
      index: Number(row.leaf_index),
      canonical: row.canonical,
      leafHash: row.leaf_hash,
      positionHash: row.position_hash,
    }));
  }

  async readSubtreeHashes(level: number, from: number, to: number): Promise<SubtreeHashRecord[]> {
    const rows = await this.database.inTenant(this.tenantId, (session) =>
      level === 0
        ? session.query<{ index: string; hash: string }>(this.sql.readLeafHashes, [this.tenantId, from, to])
        : session.query<{ index: string; hash: string }>(this.sql.readSubtrees, [this.tenantId, level, from, to]),
    );
    return rows.map((row) => ({ level, index: Number(row.index), hash: row.hash }));
  }

  async saveTreeHead(head: SignedTreeHead): Promise<void> {
    await this.database.inTenant(this.tenantId, (session) =>
      session.execute(this.sql.insertHead, [
        this.tenantId,
        head.treeSize,
        head.rootHash,
        head.timestamp,
        head.signature,
        head.keyId,
      ]),
    );
  }

  async listTreeHeads(): Promise<SignedTreeHead[]> {
    const rows = await this.database.inTenant(this.tenantId, (session) =>
      session.query<HeadRow>(this.sql.listHeads, [this.tenantId]),
    );
    return rows.map((row) => ({
      treeSize: Number(row.tree_size),
      rootHash: row.root_hash,
      timestamp: Number(row.timestamp),
      signature: row.signature,
      keyId: row.key_id,
    }));
  }

  async getSigningKey(): Promise<string | undefined> {
    const [row] = await this.database.inTenant(this.tenantId, (session) =>
      session.query<{ private_key_pem: string }>(this.sql.getKey, [this.tenantId]),
    );
    return row?.private_key_pem;
  }

  async saveSigningKeyIfAbsent(privateKeyPem: string): Promise<string> {
    return this.database.inTenant(this.tenantId, async (session) => {
      await session.execute(this.sql.insertKey, [this.tenantId, privateKeyPem]);
      const [row] = await session.query<{ private_key_pem: string }>(this.sql.getKey, [this.tenantId]);
      return row!.private_key_pem;
    });
  }
}
