import type { Migration } from './database.js';

/**
 * Schema of the `graph` component. A row is one version of a node or edge: its JSON plus the columns reads
 * filter on. Edges are keyed by their source (the primary key) and indexed by their target, so a hop in either
 * direction is an index range read whatever the size of the graph.
 */
export const graphMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'context graph nodes and edges, versioned in time',
    up: `
      CREATE TABLE graph_nodes (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        valid_from INTEGER NOT NULL,
        valid_to INTEGER,
        observed_at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        fact TEXT NOT NULL,
        PRIMARY KEY (tenant_id, id, valid_from)
      ) WITHOUT ROWID;
      CREATE INDEX graph_nodes_by_kind ON graph_nodes (tenant_id, kind, observed_at DESC, id);

      CREATE TABLE graph_edges (
        tenant_id TEXT NOT NULL,
        from_id TEXT NOT NULL,
        relation TEXT NOT NULL,
        to_id TEXT NOT NULL,
        valid_from INTEGER NOT NULL,
        valid_to INTEGER,
        observed_at INTEGER NOT NULL,
        fact TEXT NOT NULL,
        PRIMARY KEY (tenant_id, from_id, relation, to_id, valid_from)
      ) WITHOUT ROWID;
      CREATE INDEX graph_edges_by_target ON graph_edges (tenant_id, to_id, relation, from_id, valid_from);
    `,
  },
];
