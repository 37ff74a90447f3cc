import { type PostgresMigration, tenantIsolation } from './migrations.js';

/**
 * Schema of the `graph` component, the same shape as the SQLite store's: a row is one version of a node or edge,
 * its JSON (`text`, kept character for character) plus the columns reads filter on. Edges are keyed by their
 * source and indexed by their target, so a hop either way is an index range read at any graph size.
 */
export const graphMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'context graph nodes and edges, versioned in time, confined to their tenant',
    up: (names) => {
      const t = (table: string) => `${names.schema}.${table}`;
      return `
        CREATE TABLE ${t('graph_nodes')} (
          tenant_id text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          valid_from bigint NOT NULL,
          valid_to bigint,
          observed_at bigint NOT NULL,
          kind text COLLATE "C" NOT NULL,
          fact text NOT NULL,
          PRIMARY KEY (tenant_id, id, valid_from)
        );
        CREATE INDEX graph_nodes_by_kind ON ${t('graph_nodes')} (tenant_id, kind, observed_at DESC, id);

        CREATE TABLE ${t('graph_edges')} (
          tenant_id text COLLATE "C" NOT NULL,
          from_id text COLLATE "C" NOT NULL,
          relation text COLLATE "C" NOT NULL,
          to_id text COLLATE "C" NOT NULL,
          valid_from bigint NOT NULL,
          valid_to bigint,
          observed_at bigint NOT NULL,
          fact text NOT NULL,
          PRIMARY KEY (tenant_id, from_id, relation, to_id, valid_from)
        );
        CREATE INDEX graph_edges_by_target ON ${t('graph_edges')} (tenant_id, to_id, relation, from_id, valid_from);

        ${tenantIsolation(names, 'graph_nodes')}
        ${tenantIsolation(names, 'graph_edges')}

        GRANT SELECT, INSERT, UPDATE ON ${t('graph_nodes')}, ${t('graph_edges')} TO ${names.role};
      `;
    },
  },
];
