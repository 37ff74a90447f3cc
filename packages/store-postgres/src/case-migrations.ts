import { type PostgresMigration, tenantIsolation } from './migrations.js';

/**
 * Schema of the `cases` component, the same shape as the SQLite store's: a case row holds the record's JSON
 * plus the columns queries filter on; alert ids and entities are derived from `case_alerts` and
 * `case_entity_links`. Identifiers and keys use the "C" collation, so ordering and cursor comparisons are
 * byte order whatever the database's locale, as in SQLite. JSON is kept as `text`, not `jsonb`: records come
 * back character for character, and `jsonb` would reject the `\u0000` escapes JSON allows.
 */
export const caseMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'cases, their alerts, timelines and the entity index, confined to their tenant',
    up: (names) => {
      const t = (table: string) => `${names.schema}.${table}`;
      return `
        CREATE TABLE ${t('cases')} (
          tenant_id text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          status text NOT NULL,
          created_at bigint NOT NULL,
          version integer NOT NULL,
          record text NOT NULL,
          PRIMARY KEY (tenant_id, id)
        );
        CREATE INDEX cases_by_created ON ${t('cases')} (tenant_id, created_at DESC, id DESC);
        CREATE INDEX cases_by_status ON ${t('cases')} (tenant_id, status, created_at DESC, id DESC);

        CREATE TABLE ${t('case_alerts')} (
          seq bigint GENERATED ALWAYS AS IDENTITY,
          tenant_id text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          case_id text COLLATE "C" NOT NULL,
          fingerprint text COLLATE "C" NOT NULL,
          received_at bigint NOT NULL,
          last_received_at bigint NOT NULL,
          duplicate_count integer NOT NULL,
          entities text NOT NULL,
          alert text NOT NULL,
          PRIMARY KEY (tenant_id, id),
          UNIQUE (tenant_id, fingerprint)
        );
        CREATE INDEX case_alerts_by_case ON ${t('case_alerts')} (tenant_id, case_id, seq);

        CREATE TABLE ${t('case_timeline')} (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          tenant_id text COLLATE "C" NOT NULL,
          case_id text COLLATE "C" NOT NULL,
          entry text NOT NULL
        );
        CREATE INDEX case_timeline_by_case ON ${t('case_timeline')} (tenant_id, case_id, seq);

        CREATE TABLE ${t('case_entity_links')} (
          tenant_id text COLLATE "C" NOT NULL,
          entity_key text COLLATE "C" NOT NULL,
          case_id text COLLATE "C" NOT NULL,
          first_seen_at bigint NOT NULL,
          last_seen_at bigint NOT NULL,
          correlates boolean NOT NULL,
          PRIMARY KEY (tenant_id, entity_key, case_id)
        );
        CREATE INDEX case_entity_links_by_case ON ${t('case_entity_links')} (tenant_id, case_id, entity_key);

        ${tenantIsolation(names, 'cases')}
        ${tenantIsolation(names, 'case_alerts')}
        ${tenantIsolation(names, 'case_timeline')}
        ${tenantIsolation(names, 'case_entity_links')}

        -- Only what the store does: cases and alerts are never deleted, timelines only grow.
        GRANT SELECT, INSERT, UPDATE ON ${t('cases')}, ${t('case_alerts')} TO ${names.role};
        GRANT SELECT, INSERT ON ${t('case_timeline')} TO ${names.role};
        GRANT SELECT, INSERT, UPDATE, DELETE ON ${t('case_entity_links')} TO ${names.role};
      `;
    },
  },
];
