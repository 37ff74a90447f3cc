import type { PostgresDatabase, SchemaNames } from './postgres-database.js';
import { tenantSetting } from './postgres-database.js';

/** One schema change of one component. `up` returns the SQL for the schema and role it is applied to. */
export interface PostgresMigration {
  version: number;
  description: string;
  up: (names: SchemaNames) => string;
}

/** A component (`cases`, `audit`, `runs`, ...) and its migrations, each version applied once per schema. */
export interface MigrationSet {
  component: string;
  migrations: readonly PostgresMigration[];
}

/**
 * Advisory lock keys are two 32-bit integers: the first names what the lock is for (the letters "RAMP" plus an
 * offset), so Rampart's locks never collide with another application's single-key locks on the same database.
 */
export const lockNamespace = { migrations: 0x52414d50, auditAppend: 0x52414d51, graphEnsure: 0x52414d52 } as const;

/**
 * Applies every migration not yet recorded in the schema's `schema_migrations`, all in one transaction under a
 * database-wide advisory lock: processes starting at once queue on the lock, and the second finds the work done.
 * A failing migration rolls back everything of this call, so a schema is never left half-migrated.
 * Returns the migrations applied, as `component@version`.
 */
export async function applyMigrations(database: PostgresDatabase, sets: readonly MigrationSet[]): Promise<string[]> {
  const { schema, role, roleName } = database.names;
  return database.asOwner(async (session) => {
    await session.query('SELECT pg_advisory_xact_lock($1, 0)', [lockNamespace.migrations]);
    await session.execute(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    // Roles are cluster-wide and have no IF NOT EXISTS; the lock above makes check-then-create safe here.
    const roleExists = await session.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [roleName]);
    if (roleExists.length === 0) await session.execute(`CREATE ROLE ${role} NOLOGIN NOBYPASSRLS`);
    const [membership] = await session.query<{ member: boolean }>(
      `SELECT pg_has_role(current_user, $1, 'MEMBER') AS member`,
      [roleName],
    );
    if (membership?.member !== true) await session.execute(`GRANT ${role} TO CURRENT_USER`);
    await session.execute(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await session.execute(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
         component text NOT NULL,
         version integer NOT NULL,
         description text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version)
       )`,
    );
    const applied: string[] = [];
    for (const { component, migrations } of sets) {
      const done = new Set(
        (
          await session.query<{ version: number }>(
            `SELECT version FROM ${schema}.schema_migrations WHERE component = $1`,
            [component],
          )
        ).map((row) => row.version),
      );
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (done.has(migration.version)) continue;
        // Simple-query protocol: a migration is several statements, which a prepared statement cannot hold.
        await session.script(migration.up(database.names));
        await session.execute(
          `INSERT INTO ${schema}.schema_migrations (component, version, description) VALUES ($1, $2, $3)`,
          [component, migration.version, migration.description],
        );
        applied.push(`${component}@${migration.version}`);
      }
    }
    return applied;
  });
}

/**
 * SQL that confines a table to the tenant of the current transaction: row-level security on, forced for the
 * owner too, one policy for reads and writes keyed by `tenant_id`. Without the setting, `current_setting(..., true)`
 * is NULL and no row matches, so forgetting to scope a transaction shows nothing rather than everything.
 */
export function tenantIsolation(names: SchemaNames, table: string): string {
  const qualified = `${names.schema}.${table}`;
  const matches = `tenant_id = current_setting('${tenantSetting}', true)`;
  return `
    ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${qualified} FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${qualified} USING (${matches}) WITH CHECK (${matches});
  `;
}
