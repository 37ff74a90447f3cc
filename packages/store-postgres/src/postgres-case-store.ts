import {
  type AlertUpdate,
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
import type { PostgresDatabase, Session } from './postgres-database.js';

interface AlertRow {
  id: string;
  case_id: string;
  fingerprint: string;
  received_at: string;
  last_received_at: string;
  duplicate_count: number;
  entities: string;
  alert: string;
}

interface CaseRow {
  record: string;
  alert_ids: string[];
  entities: string[];
}

const alertColumns = 'id, case_id, fingerprint, received_at, last_received_at, duplicate_count, entities, alert';

/**
 * The `CaseStore` in PostgreSQL. A change set is one transaction and each of its parts one statement over
 * arrays (`unnest`), so writing a hundred alerts costs the same round trips as writing one. Every transaction
 * is scoped to the change set's tenant, and row-level security holds each statement to that tenant's rows.
 *
 * Concurrent writers: a stale case version matches no row (PostgreSQL re-checks the version after waiting for
 * the row lock), and a taken alert id or fingerprint waits on the unique index and then inserts nothing; both
 * become a `ConflictError` and roll the whole change set back.
 */
export class PostgresCaseStore implements CaseStore {
  private readonly sql;

  constructor(private readonly database: PostgresDatabase) {
    const cases = database.table('cases');
    const alerts = database.table('case_alerts');
    const timeline = database.table('case_timeline');
    const links = database.table('case_entity_links');
    const listsOf = (row: string) => `
      ARRAY(SELECT a.id FROM ${alerts} a WHERE a.tenant_id = ${row}.tenant_id AND a.case_id = ${row}.id ORDER BY a.seq) AS alert_ids,
      ARRAY(SELECT l.entity_key FROM ${links} l WHERE l.tenant_id = ${row}.tenant_id AND l.case_id = ${row}.id ORDER BY l.entity_key) AS entities`;
    this.sql = {
      insertCases: `INSERT INTO ${cases} (tenant_id, id, status, created_at, version, record)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::int[], $6::text[])
        ON CONFLICT (tenant_id, id) DO NOTHING RETURNING id`,
      updateCases: `UPDATE ${cases} c SET status = u.status, created_at = u.created_at, version = u.version, record = u.record
        FROM unnest($2::text[], $3::text[], $4::bigint[], $5::int[], $6::text[]) AS u(id, status, created_at, version, record)
        WHERE c.tenant_id = $1 AND c.id = u.id AND c.version = u.version - 1 RETURNING c.id`,
      caseVersion: `SELECT version FROM ${cases} WHERE tenant_id = $1 AND id = $2`,
      insertAlerts: `INSERT INTO ${alerts} (tenant_id, ${alertColumns})
        SELECT $1, ${alertColumns.replace(/(\w+)/g, 'u.$1')}
        FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::int[], $8::text[], $9::text[])
          WITH ORDINALITY AS u(${alertColumns}, position)
        ORDER BY u.position
        ON CONFLICT DO NOTHING RETURNING id`,
      alertExists: `SELECT 1 FROM ${alerts} WHERE tenant_id = $1 AND id = $2`,
      updateAlerts: `UPDATE ${alerts} a SET case_id = COALESCE(u.case_id, a.case_id),
          duplicate_count = a.duplicate_count + u.added,
          last_received_at = GREATEST(a.last_received_at, COALESCE(u.last_received_at, a.last_received_at))
        FROM unnest($2::text[], $3::text[], $4::int[], $5::bigint[]) AS u(alert_id, case_id, added, last_received_at)
        WHERE a.tenant_id = $1 AND a.id = u.alert_id RETURNING a.id`,
      resetLinks: `DELETE FROM ${links} WHERE tenant_id = $1 AND case_id = ANY($2::text[])`,
      upsertLinks: `INSERT INTO ${links} (tenant_id, entity_key, case_id, first_seen_at, last_seen_at, correlates)
        SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::boolean[])
        ON CONFLICT (tenant_id, entity_key, case_id) DO UPDATE SET
          first_seen_at = LEAST(${links}.first_seen_at, excluded.first_seen_at),
          last_seen_at = GREATEST(${links}.last_seen_at, excluded.last_seen_at),
          correlates = excluded.correlates`,
      insertEntries: `INSERT INTO ${timeline} (tenant_id, case_id, entry)
        SELECT $1, u.case_id, u.entry FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(case_id, entry, position)
        ORDER BY u.position`,

      getCase: `SELECT c.record, ${listsOf('c')} FROM ${cases} c WHERE c.tenant_id = $1 AND c.id = $2`,
      getRecords: `SELECT record FROM ${cases} WHERE tenant_id = $1 AND id = ANY($2::text[])`,
      listCases: (filters: string) =>
        `SELECT c.record, ${listsOf('c')} FROM ${cases} c WHERE c.tenant_id = $1${filters}
         ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
      timeline: `SELECT entry FROM ${timeline} WHERE tenant_id = $1 AND case_id = $2 ORDER BY seq LIMIT $3 OFFSET $4`,
      getAlerts: `SELECT ${alertColumns} FROM ${alerts} WHERE tenant_id = $1 AND id = ANY($2::text[]) ORDER BY seq`,
      byFingerprint: `SELECT fingerprint, id AS "alertId", case_id AS "caseId" FROM ${alerts}
        WHERE tenant_id = $1 AND fingerprint = ANY($2::text[])`,
      links: `SELECT l.entity_key, l.case_id, l.first_seen_at, l.last_seen_at
        FROM ${links} l JOIN ${cases} c ON c.tenant_id = l.tenant_id AND c.id = l.case_id
        WHERE l.tenant_id = $1 AND l.entity_key = ANY($2::text[])
          AND l.correlates AND l.last_seen_at >= $3 AND l.first_seen_at <= $4
          AND c.status NOT IN ('resolved', 'closed')`,
    };
  }

  async applyChanges(changes: CaseChangeSet): Promise<void> {
    assertChangeSetTenant(changes);
    await this.database.inTenant(changes.tenantId, (session) => this.write(session, changes));
  }

  private async write(session: Session, changes: CaseChangeSet): Promise<void> {
    const tenantId = changes.tenantId;
    await this.writeCases(session, tenantId, changes.cases ?? []);
    await this.insertAlerts(session, tenantId, changes.newAlerts ?? []);
    await this.updateAlerts(session, tenantId, changes.alertUpdates ?? []);
    if (changes.resetEntityLinks?.length) {
      await session.execute(this.sql.resetLinks, [tenantId, changes.resetEntityLinks]);
    }
    const links = mergedLinks(changes.entityLinks ?? []);
    if (links.length > 0) {
      await session.execute(this.sql.upsertLinks, [
        tenantId,
        links.map((link) => link.entityKey),
        links.map((link) => link.caseId),
        links.map((link) => link.firstSeenAt),
        links.map((link) => link.lastSeenAt),
        links.map((link) => link.correlates),
      ]);
    }
    const entries = changes.timeline ?? [];
    if (entries.length > 0) {
      await session.execute(this.sql.insertEntries, [
        tenantId,
        entries.map((entry) => entry.caseId),
        entries.map((entry) => JSON.stringify(entry)),
      ]);
    }
  }

  private async writeCases(session: Session, tenantId: string, records: readonly CaseRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One statement per kind of write; a case written twice in one change set goes record by record, in order.
    const groups = distinct(records.map((record) => record.id))
      ? [records.filter((record) => record.version === 1), records.filter((record) => record.version !== 1)]
      : records.map((record) => [record]);
    for (const group of groups) {
      if (group.length === 0) continue;
      const columns = [
        tenantId,
        group.map((record) => record.id),
        group.map((record) => record.status),
        group.map((record) => record.createdAt),
        group.map((record) => record.version),
        group.map((record) => JSON.stringify(record)),
      ];
      const inserting = group[0]!.version === 1;
      const written = new Set(
        (await session.query<{ id: string }>(inserting ? this.sql.insertCases : this.sql.updateCases, columns)).map(
          (row) => row.id,
        ),
      );
      const stale = group.find((record) => !written.has(record.id));
      if (stale !== undefined) {
        const [actual] = await session.query<{ version: number }>(this.sql.caseVersion, [tenantId, stale.id]);
        throw new ConflictError('Case', stale.id, stale.version - 1, actual?.version);
      }
    }
  }

  private async insertAlerts(session: Session, tenantId: string, alerts: readonly StoredAlert[]): Promise<void> {
    if (alerts.length === 0) return;
    const inserted = new Set(
      (
        await session.query<{ id: string }>(this.sql.insertAlerts, [
          tenantId,
          alerts.map((alert) => alert.id),
          alerts.map((alert) => alert.caseId),
          alerts.map((alert) => alert.fingerprint),
          alerts.map((alert) => alert.receivedAt),
          alerts.map((alert) => alert.lastReceivedAt),
          alerts.map((alert) => alert.duplicateCount),
          alerts.map((alert) => JSON.stringify(alert.entities)),
          alerts.map((alert) => JSON.stringify(alert.alert)),
        ])
      ).map((row) => row.id),
    );
    // A repeated id inside the batch inserts once, so the second copy must count as a conflict too.
    const seen = new Set<string>();
    for (const alert of alerts) {
      if (inserted.has(alert.id) && !seen.has(alert.id)) {
        seen.add(alert.id);
        continue;
      }
      const idTaken =
        seen.has(alert.id) || (await session.query(this.sql.alertExists, [tenantId, alert.id])).length > 0;
      if (idTaken) throw new ConflictError('Alert', alert.id, 0, 1);
      throw new ConflictError('Alert fingerprint', alert.fingerprint, 0, 1);
    }
  }

  private async updateAlerts(session: Session, tenantId: string, updates: readonly AlertUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    // Counters add up: an alert updated twice in one change set goes update by update, in order.
    const groups = distinct(updates.map((update) => update.alertId)) ? [updates] : updates.map((update) => [update]);
    for (const group of groups) {
      const updated = new Set(
        (
          await session.query<{ id: string }>(this.sql.updateAlerts, [
            tenantId,
            group.map((update) => update.alertId),
            group.map((update) => update.caseId ?? null),
            group.map((update) => update.duplicatesAdded ?? 0),
            group.map((update) => update.lastReceivedAt ?? null),
          ])
        ).map((row) => row.id),
      );
      const missing = group.find((update) => !updated.has(update.alertId));
      if (missing !== undefined) throw new NotFoundError('Alert', missing.alertId);
    }
  }

  async getCase(tenantId: string, caseId: string): Promise<Case | null> {
    const [row] = await this.database.inTenant(tenantId, (session) =>
      session.query<CaseRow>(this.sql.getCase, [tenantId, caseId]),
    );
    return row === undefined ? null : caseOf(row);
  }

  async getCaseRecords(tenantId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ record: string }>(this.sql.getRecords, [tenantId, caseIds]),
    );
    return rows.map((row) => JSON.parse(row.record) as CaseRecord);
  }

  async listCases(tenantId: string, query?: CaseQuery): Promise<CasePage> {
    const limit = casePageSize(query?.limit);
    const after = query?.cursor ? decodeCaseCursor(query.cursor) : null;
    const statuses = caseQueryStatuses(query);
    const parameters: unknown[] = [tenantId, limit + 1];
    let filters = '';
    if (statuses !== null) {
      parameters.push([...statuses]);
      filters += ` AND c.status = ANY($${parameters.length}::text[])`;
    }
    if (after !== null) {
      parameters.push(after.createdAt, after.id);
      filters += ` AND (c.created_at, c.id) < ($${parameters.length - 1}, $${parameters.length})`;
    }
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<CaseRow>(this.sql.listCases(filters), parameters),
    );
    const page = rows.slice(0, limit).map(caseOf);
    const last = page.at(-1);
    return { cases: page, nextCursor: rows.length > limit && last !== undefined ? encodeCaseCursor(last) : null };
  }

  async getTimeline(tenantId: string, caseId: string, query?: TimelineQuery): Promise<TimelineEntry[]> {
    const offset = Math.max(0, query?.offset ?? 0);
    // LIMIT NULL is no limit.
    const limit = query?.limit === undefined ? null : Math.max(0, query.limit);
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ entry: string }>(this.sql.timeline, [tenantId, caseId, limit, offset]),
    );
    return rows.map((row) => JSON.parse(row.entry) as TimelineEntry);
  }

  async getAlert(tenantId: string, alertId: string): Promise<StoredAlert | null> {
    const [alert] = await this.getAlerts(tenantId, [alertId]);
    return alert ?? null;
  }

  async getAlerts(tenantId: string, alertIds: readonly string[]): Promise<StoredAlert[]> {
    if (alertIds.length === 0) return [];
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<AlertRow>(this.sql.getAlerts, [tenantId, alertIds]),
    );
    return rows.map((row) => storedAlertOf(tenantId, row));
  }

  async findAlertsByFingerprint(tenantId: string, fingerprints: readonly string[]): Promise<FingerprintMatch[]> {
    if (fingerprints.length === 0) return [];
    return this.database.inTenant(tenantId, (session) =>
      session.query<FingerprintMatch>(this.sql.byFingerprint, [tenantId, fingerprints]),
    );
  }

  async findEntityLinks(tenantId: string, entityKeys: readonly string[], window: TimeWindow): Promise<EntityLink[]> {
    if (entityKeys.length === 0) return [];
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ entity_key: string; case_id: string; first_seen_at: string; last_seen_at: string }>(
        this.sql.links,
        [tenantId, entityKeys, window.from, window.to],
      ),
    );
    return rows.map((row) => ({
      entityKey: row.entity_key,
      caseId: row.case_id,
      firstSeenAt: Number(row.first_seen_at),
      lastSeenAt: Number(row.last_seen_at),
      correlates: true,
    }));
  }
}

function caseOf(row: CaseRow): Case {
  return { ...(JSON.parse(row.record) as CaseRecord), alertIds: row.alert_ids, entities: row.entities };
}

/** `bigint` columns arrive as strings (they may exceed 2^53); epoch milliseconds and counts never do. */
function storedAlertOf(tenantId: string, row: AlertRow): StoredAlert {
  return {
    id: row.id,
    tenantId,
    caseId: row.case_id,
    fingerprint: row.fingerprint,
    entities: JSON.parse(row.entities) as string[],
    receivedAt: Number(row.received_at),
    lastReceivedAt: Number(row.last_received_at),
    duplicateCount: row.duplicate_count,
    alert: JSON.parse(row.alert) as StoredAlert['alert'],
  };
}

function distinct(keys: readonly string[]): boolean {
  return new Set(keys).size === keys.length;
}

/**
 * One row per entity and case, as upserting them one after another would leave it: the widest span and the
 * last `correlates`. PostgreSQL refuses to upsert one row twice in a statement, so repeats are merged first.
 */
function mergedLinks(links: readonly EntityLink[]): EntityLink[] {
  const merged = new Map<string, EntityLink>();
  for (const link of links) {
    const key = JSON.stringify([link.entityKey, link.caseId]);
    const earlier = merged.get(key);
    merged.set(
      key,
      earlier === undefined
        ? link
        : {
            ...link,
            firstSeenAt: Math.min(earlier.firstSeenAt, link.firstSeenAt),
            lastSeenAt: Math.max(earlier.lastSeenAt, link.lastSeenAt),
          },
    );
  }
  return [...merged.values()];
}
