import {
  assertChangeSetTenant,
  type Case,
  type CaseChangeSet,
  type CasePage,
  type CaseQuery,
  type CaseRecord,
  type CaseStore,
  ConflictError,
  casePageSize,
  caseQueryStatuses,
  decodeCaseCursor,
  type EntityLink,
  encodeCaseCursor,
  type FingerprintMatch,
  NotFoundError,
  type StoredAlert,
  type TimelineEntry,
  type TimelineQuery,
  type TimeWindow,
} from '@rampart/core';
import type { Statement, Transaction } from 'better-sqlite3';
import { caseMigrations } from './case-migrations.js';
import { migrate, openDatabase, type SqliteDatabase } from './database.js';

interface AlertRow {
  id: string;
  case_id: string;
  fingerprint: string;
  received_at: number;
  last_received_at: number;
  duplicate_count: number;
  entities: string;
  alert: string;
}

interface LinkRow {
  entity_key: string;
  case_id: string;
  first_seen_at: number;
  last_seen_at: number;
}

const alertColumns = 'id, case_id, fingerprint, received_at, last_received_at, duplicate_count, entities, alert';

/**
 * The `CaseStore` in SQLite. `applyChanges` is one immediate transaction, so a crash or a conflict leaves the
 * store as it was before the change set or after all of it; with write-ahead logging, readers never block it.
 * Lists of ids travel as one JSON parameter (`json_each`), so a batch lookup is one prepared statement
 * however many keys it has.
 *
 * Pass an open database to share one file with other stores (`new SqliteCaseStore(database)`), or let
 * `SqliteCaseStore.open(path)` open and own one.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly statements;
  private readonly listStatements = new Map<string, Statement>();
  private readonly applyTransaction: Transaction<(changes: CaseChangeSet) => void>;

  constructor(
    readonly database: SqliteDatabase,
    private readonly options: { ownsDatabase?: boolean } = {},
  ) {
    migrate(database, 'cases', caseMigrations);
    const prepare = (sql: string) => database.prepare(sql);
    this.statements = {
      insertCase: prepare(
        'INSERT INTO cases (tenant_id, id, status, created_at, version, record) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, id) DO NOTHING',
      ),
      updateCase: prepare(
        'UPDATE cases SET status = ?, created_at = ?, version = ?, record = ? WHERE tenant_id = ? AND id = ? AND version = ?',
      ),
      caseVersion: prepare('SELECT version FROM cases WHERE tenant_id = ? AND id = ?').pluck(),
      insertAlert: prepare(
        `INSERT INTO case_alerts (tenant_id, ${alertColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      alertExists: prepare('SELECT 1 FROM case_alerts WHERE tenant_id = ? AND id = ?').pluck(),
      updateAlert: prepare(
        `UPDATE case_alerts SET case_id = COALESCE(?, case_id), duplicate_count = duplicate_count + ?,
           last_received_at = MAX(last_received_at, COALESCE(?, last_received_at))
         WHERE tenant_id = ? AND id = ?`,
      ),
      resetLinks: prepare('DELETE FROM case_entity_links WHERE tenant_id = ? AND case_id = ?'),
      upsertLink: prepare(
        `INSERT INTO case_entity_links (tenant_id, entity_key, case_id, first_seen_at, last_seen_at, correlates)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, case_id, entity_key) DO UPDATE SET
           first_seen_at = MIN(first_seen_at, excluded.first_seen_at),
           last_seen_at = MAX(last_seen_at, excluded.last_seen_at),
           correlates = excluded.correlates`,
      ),
      insertEntry: prepare('INSERT INTO case_timeline (tenant_id, case_id, entry) VALUES (?, ?, ?)'),

      getRecord: prepare('SELECT record FROM cases WHERE tenant_id = ? AND id = ?').pluck(),
      getRecords: prepare(
        'SELECT record FROM cases WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))',
      ).pluck(),
      alertIdsOfCase: prepare('SELECT id FROM case_alerts WHERE tenant_id = ? AND case_id = ? ORDER BY seq').pluck(),
      entitiesOfCase: prepare(
        'SELECT entity_key FROM case_entity_links WHERE tenant_id = ? AND case_id = ? ORDER BY entity_key',
      ).pluck(),
      alertIdsOfCases: prepare(
        'SELECT case_id, id FROM case_alerts WHERE tenant_id = ? AND case_id IN (SELECT value FROM json_each(?)) ORDER BY seq',
      ),
      entitiesOfCases: prepare(
        'SELECT case_id, entity_key FROM case_entity_links WHERE tenant_id = ? AND case_id IN (SELECT value FROM json_each(?)) ORDER BY entity_key',
      ),
      timeline: prepare(
        'SELECT entry FROM case_timeline WHERE tenant_id = ? AND case_id = ? ORDER BY seq LIMIT ? OFFSET ?',
      ).pluck(),
      getAlert: prepare(`SELECT ${alertColumns} FROM case_alerts WHERE tenant_id = ? AND id = ?`),
      getAlerts: prepare(
        `SELECT ${alertColumns} FROM case_alerts WHERE tenant_id = ? AND id IN (SELECT value FROM json_each(?))`,
      ),
      byFingerprint: prepare(
        'SELECT fingerprint, id AS alertId, case_id AS caseId FROM case_alerts WHERE tenant_id = ? AND fingerprint IN (SELECT value FROM json_each(?))',
      ),
      links: prepare(
        `SELECT l.entity_key, l.case_id, l.first_seen_at, l.last_seen_at
         FROM case_entity_links l INDEXED BY case_entity_links_by_last_seen
           JOIN cases c ON c.tenant_id = l.tenant_id AND c.id = l.case_id
         WHERE l.tenant_id = ? AND l.entity_key IN (SELECT value FROM json_each(?))
           AND l.correlates = 1 AND l.last_seen_at >= ? AND l.first_seen_at <= ?
           AND c.status NOT IN ('resolved', 'closed')`,
      ),
    };
    this.applyTransaction = database.transaction((changes: CaseChangeSet) => this.write(changes));
  }

  /** Opens (or creates) the database file at `path` for this store alone; `close()` closes it. */
  static open(path: string): SqliteCaseStore {
    return new SqliteCaseStore(openDatabase(path), { ownsDatabase: true });
  }

  /** Closes the database if this store opened it; a shared database is its opener's to close. */
  close(): void {
    if (this.options.ownsDatabase) this.database.close();
  }

  async applyChanges(changes: CaseChangeSet): Promise<void> {
    assertChangeSetTenant(changes);
    // IMMEDIATE takes the write lock up front, so a second process cannot slip in between our checks and writes.
    this.applyTransaction.immediate(changes);
  }

  private write(changes: CaseChangeSet): void {
    const tenantId = changes.tenantId;
    const s = this.statements;
    for (const record of changes.cases ?? []) {
      const json = JSON.stringify(record);
      const written =
        record.version === 1
          ? s.insertCase.run(tenantId, record.id, record.status, record.createdAt, 1, json).changes
          : s.updateCase.run(
              record.status,
              record.createdAt,
              record.version,
              json,
              tenantId,
              record.id,
              record.version - 1,
            ).changes;
      if (written === 0) {
        const actual = s.caseVersion.get(tenantId, record.id) as number | undefined;
        throw new ConflictError('Case', record.id, record.version - 1, actual);
      }
    }
    for (const alert of changes.newAlerts ?? []) {
      const written = s.insertAlert.run(
        tenantId,
        alert.id,
        alert.caseId,
        alert.fingerprint,
        alert.receivedAt,
        alert.lastReceivedAt,
        alert.duplicateCount,
        JSON.stringify(alert.entities),
        JSON.stringify(alert.alert),
      ).changes;
      if (written === 0) {
        if (s.alertExists.get(tenantId, alert.id) !== undefined) throw new ConflictError('Alert', alert.id, 0, 1);
        throw new ConflictError('Alert fingerprint', alert.fingerprint, 0, 1);
      }
    }
    for (const update of changes.alertUpdates ?? []) {
      const written = s.updateAlert.run(
        update.caseId ?? null,
        update.duplicatesAdded ?? 0,
        update.lastReceivedAt ?? null,
        tenantId,
        update.alertId,
      ).changes;
      if (written === 0) throw new NotFoundError('Alert', update.alertId);
    }
    for (const caseId of changes.resetEntityLinks ?? []) s.resetLinks.run(tenantId, caseId);
    for (const link of changes.entityLinks ?? []) {
      s.upsertLink.run(
        tenantId,
        link.entityKey,
        link.caseId,
        link.firstSeenAt,
        link.lastSeenAt,
        link.correlates ? 1 : 0,
      );
    }
    for (const entry of changes.timeline ?? []) s.insertEntry.run(tenantId, entry.caseId, JSON.stringify(entry));
  }

  async getCase(tenantId: string, caseId: string): Promise<Case | null> {
    const json = this.statements.getRecord.get(tenantId, caseId) as string | undefined;
    if (json === undefined) return null;
    return {
      ...(JSON.parse(json) as CaseRecord),
      alertIds: this.statements.alertIdsOfCase.all(tenantId, caseId) as string[],
      entities: this.statements.entitiesOfCase.all(tenantId, caseId) as string[],
    };
  }

  async getCaseRecords(tenantId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    if (caseIds.length === 0) return [];
    const rows = this.statements.getRecords.all(tenantId, JSON.stringify(caseIds)) as string[];
    return rows.map((json) => JSON.parse(json) as CaseRecord);
  }

  async listCases(tenantId: string, query?: CaseQuery): Promise<CasePage> {
    const limit = casePageSize(query?.limit);
    const after = query?.cursor ? decodeCaseCursor(query.cursor) : null;
    const statuses = caseQueryStatuses(query);
    const parameters: unknown[] = [tenantId];
    let where = 'tenant_id = ?';
    if (statuses !== null) {
      where += ' AND status IN (SELECT value FROM json_each(?))';
      parameters.push(JSON.stringify([...statuses]));
    }
    if (after !== null) {
      where += ' AND (created_at < ? OR (created_at = ? AND id < ?))';
      parameters.push(after.createdAt, after.createdAt, after.id);
    }
    const sql = `SELECT record FROM cases WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT ?`;
    let statement = this.listStatements.get(sql);
    if (statement === undefined) {
      statement = this.database.prepare(sql).pluck();
      this.listStatements.set(sql, statement);
    }
    const records = (statement.all(...parameters, limit + 1) as string[]).map((json) => JSON.parse(json) as CaseRecord);
    const page = records.slice(0, limit);
    const last = page.at(-1);
    return {
      cases: this.withLists(tenantId, page),
      nextCursor: records.length > limit && last !== undefined ? encodeCaseCursor(last) : null,
    };
  }

  /** Adds the derived `alertIds` and `entities` to several records with two queries. */
  private withLists(tenantId: string, records: readonly CaseRecord[]): Case[] {
    if (records.length === 0) return [];
    const ids = JSON.stringify(records.map((record) => record.id));
    const alertIds = new Map<string, string[]>();
    const entities = new Map<string, string[]>();
    const collect = (into: Map<string, string[]>, caseId: string, value: string) => {
      const list = into.get(caseId);
      if (list === undefined) into.set(caseId, [value]);
      else list.push(value);
    };
    for (const row of this.statements.alertIdsOfCases.all(tenantId, ids) as { case_id: string; id: string }[]) {
      collect(alertIds, row.case_id, row.id);
    }
    for (const row of this.statements.entitiesOfCases.all(tenantId, ids) as { case_id: string; entity_key: string }[]) {
      collect(entities, row.case_id, row.entity_key);
    }
    return records.map((record) => ({
      ...record,
      alertIds: alertIds.get(record.id) ?? [],
      entities: entities.get(record.id) ?? [],
    }));
  }

  async getTimeline(tenantId: string, caseId: string, query?: TimelineQuery): Promise<TimelineEntry[]> {
    const offset = Math.max(0, query?.offset ?? 0);
    const limit = query?.limit === undefined ? -1 : Math.max(0, query.limit);
    const rows = this.statements.timeline.all(tenantId, caseId, limit, offset) as string[];
    return rows.map((json) => JSON.parse(json) as TimelineEntry);
  }

  async getAlert(tenantId: string, alertId: string): Promise<StoredAlert | null> {
    const row = this.statements.getAlert.get(tenantId, alertId) as AlertRow | undefined;
    return row === undefined ? null : storedAlertOf(tenantId, row);
  }

  async getAlerts(tenantId: string, alertIds: readonly string[]): Promise<StoredAlert[]> {
    if (alertIds.length === 0) return [];
    const rows = this.statements.getAlerts.all(tenantId, JSON.stringify(alertIds)) as AlertRow[];
    return rows.map((row) => storedAlertOf(tenantId, row));
  }

  async findAlertsByFingerprint(tenantId: string, fingerprints: readonly string[]): Promise<FingerprintMatch[]> {
    if (fingerprints.length === 0) return [];
    return this.statements.byFingerprint.all(tenantId, JSON.stringify(fingerprints)) as FingerprintMatch[];
  }

  async findEntityLinks(tenantId: string, entityKeys: readonly string[], window: TimeWindow): Promise<EntityLink[]> {
    if (entityKeys.length === 0) return [];
    const rows = this.statements.links.all(tenantId, JSON.stringify(entityKeys), window.from, window.to) as LinkRow[];
    return rows.map((row) => ({
      entityKey: row.entity_key,
      caseId: row.case_id,
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      correlates: true,
    }));
  }
}

function storedAlertOf(tenantId: string, row: AlertRow): StoredAlert {
  return {
    id: row.id,
    tenantId,
    caseId: row.case_id,
    fingerprint: row.fingerprint,
    entities: JSON.parse(row.entities) as string[],
    receivedAt: row.received_at,
    lastReceivedAt: row.last_received_at,
    duplicateCount: row.duplicate_count,
    alert: JSON.parse(row.alert) as StoredAlert['alert'],
  };
}
