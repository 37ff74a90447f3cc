import { existsSync } from 'node:fs';
import { AuditLog } from '@rampart/core';
import { type SqliteStores, sqliteStores } from '@rampart/store-sqlite';
import { UsageError } from './usage.js';

/** Opens an existing Rampart database; a missing file is a usage error, never a silently created empty log. */
export async function openExistingDatabase(path: string): Promise<{ stores: SqliteStores; audit: AuditLog }> {
  if (!existsSync(path)) throw new UsageError(`no Rampart database at ${path} (run "rampart demo" to create one)`);
  const stores = sqliteStores(path);
  return { stores, audit: await AuditLog.open(stores.audit) };
}
