import { type PostgresMigration, tenantIsolation } from './migrations.js';

/**
 * Schema of the `runs` component. A run row holds the state's JSON plus the columns lookups filter on; the
 * ledger keeps one row per tenant and idempotency key, in claim order.
 *
 * `run_directory` is the one table without row-level security: `getRun(runId)` and `findRunByApproval(id)` come
 * without a tenant (run and approval ids are globally unique), so the store first learns which tenant owns the
 * id there, then reads the run under that tenant's scope. It holds ids only, never a run's contents.
 */
export const runMigrations: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'agent runs, their id directory and the executed-actions ledger',
    up: (names) => {
      const t = (table: string) => `${names.schema}.${table}`;
      return `
        CREATE TABLE ${t('run_directory')} (
          run_id text COLLATE "C" PRIMARY KEY,
          tenant_id text COLLATE "C" NOT NULL,
          approval_id text COLLATE "C" UNIQUE
        );
        CREATE TABLE ${t('runs')} (
          tenant_id text COLLATE "C" NOT NULL,
          id text COLLATE "C" NOT NULL,
          case_id text COLLATE "C" NOT NULL,
          status text NOT NULL,
          created_at bigint NOT NULL,
          version integer NOT NULL,
          state text NOT NULL,
          PRIMARY KEY (tenant_id, id)
        );
        CREATE INDEX runs_by_created ON ${t('runs')} (tenant_id, created_at, id);
        CREATE INDEX runs_by_case ON ${t('runs')} (tenant_id, case_id, created_at, id);

        CREATE TABLE ${t('run_actions')} (
          seq bigint GENERATED ALWAYS AS IDENTITY,
          tenant_id text COLLATE "C" NOT NULL,
          idempotency_key text COLLATE "C" NOT NULL,
          case_id text COLLATE "C" NOT NULL,
          status text NOT NULL,
          action text NOT NULL,
          PRIMARY KEY (tenant_id, idempotency_key)
        );
        CREATE INDEX run_actions_by_case ON ${t('run_actions')} (tenant_id, case_id, seq);

        ${tenantIsolation(names, 'runs')}
        ${tenantIsolation(names, 'run_actions')}

        GRANT SELECT, INSERT, UPDATE ON ${t('run_directory')}, ${t('runs')}, ${t('run_actions')} TO ${names.role};
      `;
    },
  },
];
