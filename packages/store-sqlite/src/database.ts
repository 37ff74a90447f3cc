import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/** One schema change: `up` runs inside the transaction that records it, so it applies whole or not at all. */
export interface Migration {
  version: number;
  description: string;
  up: string | ((database: SqliteDatabase) => void);
}

/**
 * Opens (or creates) a database file with write-ahead logging, so readers never block the writer
 * and a crash leaves the last committed transaction intact.
 */
export function openDatabase(path: string): SqliteDatabase {
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of SQLite's 2 MiB default (a negative value is KiB:
  // https://www.sqlite.org/pragma.html#pragma_cache_size): index pages of a store with hundreds of thousands of
  // alerts stay in memory, so each insert at a random index position does not read its page back from the OS.
  database.pragma('cache_size = -65536');
  // Checkpoint every 10,000 pages (~40 MiB of WAL) instead of 1,000
  // (https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint): an index page that many transactions touch is
  // copied into the database once per checkpoint, so fewer checkpoints write it fewer times (about a fifth less
  // CPU per entity-link upsert in a micro-benchmark), at the price of a larger WAL file between them.
  database.pragma('wal_autocheckpoint = 10000');
  return database;
}

/**
 * Applies the migrations of one component (`cases`, `audit`, ...) that are not applied yet, each in its
 * own transaction. Components share one file but keep separate version counters.
 */
export function migrate(database: SqliteDatabase, component: string, migrations: readonly Migration[]): void {
  database.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version))',
  );
  const applied = new Set(
    (
      database.prepare('SELECT version FROM schema_migrations WHERE component = ?').all(component) as {
        version: number;
      }[]
    ).map((row) => row.version),
  );
  const record = database.prepare(
    'INSERT INTO schema_migrations (component, version, description, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    database.transaction(() => {
      if (typeof migration.up === 'string') database.exec(migration.up);
      else migration.up(database);
      record.run(component, migration.version, migration.description, new Date().toISOString());
    })();
  }
}
