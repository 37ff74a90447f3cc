import type { AuditStore, CaseStore, GraphStore, RunStore } from '@rampart/core';
import { auditMigrations } from './audit-migrations.js';
import { caseMigrations } from './case-migrations.js';
import { graphMigrations } from './graph-migrations.js';
import { applyMigrations, type MigrationSet } from './migrations.js';
import { PostgresAuditStore } from './postgres-audit-store.js';
import { PostgresCaseStore } from './postgres-case-store.js';
import { PostgresDatabase, type PostgresConnectionOptions } from './postgres-database.js';
import { PostgresGraphStore } from './postgres-graph-store.js';
import { PostgresRunStore } from './postgres-run-store.js';
import { runMigrations } from './run-migrations.js';

/** Every component's migrations, in the order they are applied. */
export const postgresMigrations: readonly MigrationSet[] = [
  { component: 'cases', migrations: caseMigrations },
  { component: 'audit', migrations: auditMigrations },
  { component: 'runs', migrations: runMigrations },
  { component: 'graph', migrations: graphMigrations },
];

export interface PostgresStoresOptions extends PostgresConnectionOptions {
  /**
   * Apply pending migrations before returning (default true). Set false where the connecting user may not
   * change the schema, and run `migratePostgres` once with an owner's connection instead.
   */
  migrate?: boolean;
}

/** One tenant's stores, shaped like the `stores` option of `createSoc`. */
export interface TenantStores {
  cases: CaseStore;
  audit: AuditStore;
  runs: RunStore;
  graph: GraphStore;
}

export interface PostgresStores {
  database: PostgresDatabase;
  /** Cases of every tenant; each call names its tenant and sees only that tenant's rows. */
  cases: PostgresCaseStore;
  /** Runs of every tenant. */
  runs: PostgresRunStore;
  /** The context graph of every tenant. */
  graph: PostgresGraphStore;
  /** The audit log of one tenant: each tenant has its own Merkle tree, signing key and signed heads. */
  auditFor(tenantId: string): PostgresAuditStore;
  /** The stores of one tenant, ready for `createSoc({ stores })`. */
  forTenant(tenantId: string): TenantStores;
  /** Ends the pool if this call opened it. */
  close(): Promise<void>;
}

/**
 * Applies pending migrations to the schema in one transaction under an advisory lock; safe to call from every
 * process at start-up. Returns what it applied (`cases@1`, ...), empty when the schema was up to date.
 */
export async function migratePostgres(options: PostgresConnectionOptions | PostgresDatabase): Promise<string[]> {
  const database = options instanceof PostgresDatabase ? options : new PostgresDatabase(options);
  try {
    return await applyMigrations(database, postgresMigrations);
  } finally {
    if (!(options instanceof PostgresDatabase)) await database.close();
  }
}

/**
 * Every Rampart store on one PostgreSQL pool: the scale-out backend for many processes on many machines.
 *
 * ```ts
 * const stores = await postgresStores({ connectionString: process.env.DATABASE_URL });
 * const soc = createSoc({ stores: stores.forTenant('acme'), model, connectors });
 * await stores.close();
 * ```
 */
export async function postgresStores(options: PostgresStoresOptions): Promise<PostgresStores> {
  const database = new PostgresDatabase(options);
  try {
    if (options.migrate !== false) await applyMigrations(database, postgresMigrations);
  } catch (error) {
    await database.close();
    throw error;
  }
  const cases = new PostgresCaseStore(database);
  const runs = new PostgresRunStore(database);
  const graph = new PostgresGraphStore(database);
  const auditLogs = new Map<string, PostgresAuditStore>();
  const auditFor = (tenantId: string) => {
    let store = auditLogs.get(tenantId);
    if (store === undefined) {
      store = new PostgresAuditStore(database, tenantId);
      auditLogs.set(tenantId, store);
    }
    return store;
  };
  return {
    database,
    cases,
    runs,
    graph,
    auditFor,
    forTenant: (tenantId) => ({ cases, runs, graph, audit: auditFor(tenantId) }),
    close: () => database.close(),
  };
}
