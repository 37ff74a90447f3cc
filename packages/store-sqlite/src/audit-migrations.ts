import type { Migration } from './database.js';

/**
 * Schema of the `audit` component. Tables carry an `audit_` prefix so the audit log can share one file with
 * other components. Hashes are lower-case hex text, as the `AuditStore` contract and the CLI show them.
 */
export const auditMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'audit leaves, stored subtree hashes, signed tree heads, signing key',
    up: `
      CREATE TABLE audit_leaves (
        leaf_index INTEGER PRIMARY KEY,
        canonical TEXT NOT NULL,
        leaf_hash TEXT NOT NULL,
        position_hash TEXT NOT NULL
      );
      CREATE TABLE audit_subtrees (
        level INTEGER NOT NULL CHECK (level > 0),
        subtree_index INTEGER NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (level, subtree_index)
      ) WITHOUT ROWID;
      CREATE TABLE audit_tree_heads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tree_size INTEGER NOT NULL,
        root_hash TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        signature TEXT NOT NULL,
        key_id TEXT NOT NULL
      );
      CREATE INDEX audit_tree_heads_by_size ON audit_tree_heads (tree_size, timestamp, id);
      CREATE TABLE audit_signing_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        private_key_pem TEXT NOT NULL
      );
    `,
  },
];
