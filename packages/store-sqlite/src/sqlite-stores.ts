import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type SqliteDatabase } from './database.js';
import { SqliteAuditStore } from './sqlite-audit-store.js';
import { SqliteCaseStore } from './sqlite-case-store.js';
import { SqliteGraphStore } from './sqlite-graph-store.js';
import { SqliteRunStore } from './sqlite-run-store.js';

export interface SqliteStores {
  database: SqliteDatabase;
  cases: SqliteCaseStore;
  audit: SqliteAuditStore;
  runs: SqliteRunStore;
  graph: SqliteGraphStore;
  close(): void;
}

/**
 * Every Rampart store in one SQLite file (created with its folder when missing): the embedded default for
 * a single process.
 */
export function sqliteStores(path: string): SqliteStores {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = openDatabase(path);
  return {
    database,
    cases: new SqliteCaseStore(database),
    audit: new SqliteAuditStore(database),
    runs: new SqliteRunStore(database),
    graph: new SqliteGraphStore(database),
    close: () => database.close(),
  };
}
