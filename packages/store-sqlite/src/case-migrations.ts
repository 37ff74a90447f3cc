import type { Migration } from './database.js';

/**
 * Schema of the `cases` component. Tables carry a `case` prefix so cases share one file with other components.
 * A case row holds the record's JSON plus the columns queries filter on; its alert ids and entities are
 * derived from `case_alerts` and `case_entity_links`, so adding an alert never rewrites the case's lists.
 */
export const caseMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'cases, their alerts, timelines and the entity index',
    up: `
      CREATE TABLE cases (
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (tenant_id, id)
      ) WITHOUT ROWID;
      CREATE INDEX cases_by_created ON cases (tenant_id, created_at DESC, id DESC);
      CREATE INDEX cases_by_status ON cases (tenant_id, status, created_at DESC, id DESC);

      CREATE TABLE case_alerts (
        seq INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        last_received_at INTEGER NOT NULL,
        duplicate_count INTEGER NOT NULL,
        entities TEXT NOT NULL,
        alert TEXT NOT NULL
      );
      CREATE UNIQUE INDEX case_alerts_by_id ON case_alerts (tenant_id, id);
      CREATE UNIQUE INDEX case_alerts_by_fingerprint ON case_alerts (tenant_id, fingerprint);
      CREATE INDEX case_alerts_by_case ON case_alerts (tenant_id, case_id, seq);

      CREATE TABLE case_timeline (
        seq INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        entry TEXT NOT NULL
      );
      CREATE INDEX case_timeline_by_case ON case_timeline (tenant_id, case_id, seq);

      CREATE TABLE case_entity_links (
        tenant_id TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        case_id TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        correlates INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, entity_key, case_id)
      ) WITHOUT ROWID;
      CREATE INDEX case_entity_links_by_case ON case_entity_links (tenant_id, case_id, entity_key);
    `,
  },
  {
    version: 2,
    description: 'entity links keyed by case, and indexed by entity and last_seen_at for window lookups',
    // Keyed by entity, a window lookup reached every link the entity ever had, so its cost grew with the store;
    // and a second index by case made every link write touch three B-trees. Keyed by case (what the case's
    // entity list and a reset read), plus one covering index ordered by last_seen_at (what a window lookup
    // seeks), a link write touches two and a lookup reads only the links that end inside the window.
    up: `
      CREATE TABLE case_entity_links_by_case_key (
        tenant_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL,
        correlates INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, case_id, entity_key)
      ) WITHOUT ROWID;
      INSERT INTO case_entity_links_by_case_key
        SELECT tenant_id, case_id, entity_key, first_seen_at, last_seen_at, correlates FROM case_entity_links;
      DROP TABLE case_entity_links;
      ALTER TABLE case_entity_links_by_case_key RENAME TO case_entity_links;
      CREATE INDEX case_entity_links_by_last_seen
        ON case_entity_links (tenant_id, entity_key, last_seen_at, first_seen_at, correlates);
    `,
  },
];
