import { type PostgresMigration, tenantIsolation } from './migrations.js';

/**
 * Schema of the `audit` component: one append-only log per tenant, each with its own leaves, stored subtree
 * hashes, signed tree heads and signing key. The application role may only read and insert: no UPDATE or
 * DELETE privilege exists on these tables, so a bug (or a stolen application credential) cannot rewrite history,
 * and row-level security keeps one tenant's log out of another's.
 */
export const auditMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'per-tenant audit leaves, subtree hashes, signed tree heads and signing keys',
    up: (names) => {
      const t = (table: string) => `${names.schema}.${table}`;
      return `
        CREATE TABLE ${t('audit_leaves')} (
          tenant_id text COLLATE "C" NOT NULL,
          leaf_index bigint NOT NULL CHECK (leaf_index >= 0),
          canonical text NOT NULL,
          leaf_hash text NOT NULL,
          position_hash text NOT NULL,
          PRIMARY KEY (tenant_id, leaf_index)
        );
        CREATE TABLE ${t('audit_subtrees')} (
          tenant_id text COLLATE "C" NOT NULL,
          level integer NOT NULL CHECK (level > 0),
          subtree_index bigint NOT NULL,
          hash text NOT NULL,
          PRIMARY KEY (tenant_id, level, subtree_index)
        );
        CREATE TABLE ${t('audit_tree_heads')} (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          tenant_id text COLLATE "C" NOT NULL,
          tree_size bigint NOT NULL,
          root_hash text NOT NULL,
          timestamp bigint NOT NULL,
          signature text NOT NULL,
          key_id text NOT NULL
        );
        CREATE INDEX audit_tree_heads_by_size ON ${t('audit_tree_heads')} (tenant_id, tree_size, timestamp, id);
        CREATE TABLE ${t('audit_signing_keys')} (
          tenant_id text COLLATE "C" PRIMARY KEY,
          private_key_pem text NOT NULL
        );

        ${tenantIsolation(names, 'audit_leaves')}
        ${tenantIsolation(names, 'audit_subtrees')}
        ${tenantIsolation(names, 'audit_tree_heads')}
        ${tenantIsolation(names, 'audit_signing_keys')}

        GRANT SELECT, INSERT ON ${t('audit_leaves')}, ${t('audit_subtrees')}, ${t('audit_tree_heads')},
          ${t('audit_signing_keys')} TO ${names.role};
      `;
    },
  },
];
