import type { Case } from '../cases/case.js';
import { isOpenStatus } from '../cases/lifecycle.js';
import type { TimelineEntry } from '../cases/timeline.js';
import { ConflictError, NotFoundError } from '../errors.js';
import {
  type CaseChangeSet,
  type CasePage,
  type CaseQuery,
  type CaseRecord,
  type CaseStore,
  type EntityLink,
  type FingerprintMatch,
  type StoredAlert,
  type TimelineQuery,
  type TimeWindow,
  assertChangeSetTenant,
  casePageSize,
  caseQueryStatuses,
  caseSortsBefore,
  decodeCaseCursor,
  encodeCaseCursor,
} from './case-store.js';

/** A case's alerts in insertion order; `seqs` (parallel, a packed number array) keep that order through moves. */
interface CaseAlertList {
  ids: string[];
  seqs: number[];
}

/** One link, or several: an entity is on one case almost always, so most entities need no array. */
type LinkBucket = EntityLink | EntityLink[];

class TenantCases {
  readonly cases = new Map<string, CaseRecord>();
  /** Case ids in `listCases` order, rebuilt lazily after a case is created; paging reuses it. */
  listOrder: string[] | null = null;
  readonly caseAlerts = new Map<string, CaseAlertList>();
  readonly alerts = new Map<string, StoredAlert>();
  readonly fingerprints = new Map<string, string>();
  readonly timelines = new Map<string, TimelineEntry[]>();
  /** Entity key → its links, the same objects as in `linksByCase`. */
  readonly linksByEntity = new Map<string, LinkBucket>();
  /** Case id → entity key → link: finds the link to widen, and a case's entities. */
  readonly linksByCase = new Map<string, Map<string, EntityLink>>();
}

/**
 * A `CaseStore` in process memory, for tests, the sandbox and single-process hosts that need no durability.
 * Every method runs synchronously to completion, so `applyChanges` is atomic by construction: it checks the
 * whole change set first and only then writes.
 */
export class MemoryCaseStore implements CaseStore {
  readonly #tenants = new Map<string, TenantCases>();
  #nextSeq = 0;

  #tenant(tenantId: string): TenantCases | undefined {
    return this.#tenants.get(tenantId);
  }

  #tenantForWrite(tenantId: string): TenantCases {
    let tenant = this.#tenants.get(tenantId);
    if (tenant === undefined) {
      tenant = new TenantCases();
      this.#tenants.set(tenantId, tenant);
    }
    return tenant;
  }

  async applyChanges(changes: CaseChangeSet): Promise<void> {
    assertChangeSetTenant(changes);
    const tenant = this.#tenantForWrite(changes.tenantId);
    this.#check(tenant, changes);
    this.#write(tenant, changes);
  }

  #check(tenant: TenantCases, changes: CaseChangeSet): void {
    const pendingVersions = new Map<string, number>();
    for (const record of changes.cases ?? []) {
      const current = pendingVersions.get(record.id) ?? tenant.cases.get(record.id)?.version;
      if (record.version !== (current ?? 0) + 1) {
        throw new ConflictError('Case', record.id, record.version - 1, current);
      }
      pendingVersions.set(record.id, record.version);
    }
    const newIds = new Set<string>();
    const newFingerprints = new Set<string>();
    for (const alert of changes.newAlerts ?? []) {
      if (tenant.alerts.has(alert.id) || newIds.has(alert.id)) throw new ConflictError('Alert', alert.id, 0, 1);
      if (tenant.fingerprints.has(alert.fingerprint) || newFingerprints.has(alert.fingerprint)) {
        throw new ConflictError('Alert fingerprint', alert.fingerprint, 0, 1);
      }
      newIds.add(alert.id);
      newFingerprints.add(alert.fingerprint);
    }
    for (const update of changes.alertUpdates ?? []) {
      if (!tenant.alerts.has(update.alertId) && !newIds.has(update.alertId)) {
        throw new NotFoundError('Alert', update.alertId);
      }
    }
  }

  #write(tenant: TenantCases, changes: CaseChangeSet): void {
    for (const record of changes.cases ?? []) {
      const previous = tenant.cases.get(record.id);
      if (previous === undefined || previous.createdAt !== record.createdAt) tenant.listOrder = null;
      tenant.cases.set(record.id, record);
    }

    for (const alert of changes.newAlerts ?? []) {
      tenant.alerts.set(alert.id, alert);
      tenant.fingerprints.set(alert.fingerprint, alert.id);
      const list = tenant.caseAlerts.get(alert.caseId);
      if (list === undefined) tenant.caseAlerts.set(alert.caseId, { ids: [alert.id], seqs: [this.#nextSeq++] });
      else {
        list.ids.push(alert.id);
        list.seqs.push(this.#nextSeq++);
      }
    }

    const moves = new Map<string, string>();
    for (const update of changes.alertUpdates ?? []) {
      let alert = tenant.alerts.get(update.alertId)!;
      if (update.caseId !== undefined && update.caseId !== alert.caseId) {
        if (!moves.has(alert.id)) moves.set(alert.id, alert.caseId);
        alert = { ...alert, caseId: update.caseId };
      }
      if (update.duplicatesAdded !== undefined || update.lastReceivedAt !== undefined) {
        alert = {
          ...alert,
          duplicateCount: alert.duplicateCount + (update.duplicatesAdded ?? 0),
          lastReceivedAt: Math.max(alert.lastReceivedAt, update.lastReceivedAt ?? alert.lastReceivedAt),
        };
      }
      tenant.alerts.set(alert.id, alert);
    }
    if (moves.size > 0) this.#applyMoves(tenant, moves);

    for (const caseId of changes.resetEntityLinks ?? []) {
      const links = tenant.linksByCase.get(caseId);
      if (links === undefined) continue;
      for (const link of links.values()) {
        const bucket = tenant.linksByEntity.get(link.entityKey);
        if (!Array.isArray(bucket)) tenant.linksByEntity.delete(link.entityKey);
        else {
          bucket.splice(bucket.indexOf(link), 1);
          if (bucket.length === 1) tenant.linksByEntity.set(link.entityKey, bucket[0]!);
        }
      }
      tenant.linksByCase.delete(caseId);
    }
    for (const link of changes.entityLinks ?? []) {
      let ofCase = tenant.linksByCase.get(link.caseId);
      if (ofCase === undefined) {
        ofCase = new Map();
        tenant.linksByCase.set(link.caseId, ofCase);
      }
      const existing = ofCase.get(link.entityKey);
      if (existing !== undefined) {
        existing.firstSeenAt = Math.min(existing.firstSeenAt, link.firstSeenAt);
        existing.lastSeenAt = Math.max(existing.lastSeenAt, link.lastSeenAt);
        existing.correlates = link.correlates;
        continue;
      }
      const stored: EntityLink = { ...link };
      ofCase.set(link.entityKey, stored);
      const bucket = tenant.linksByEntity.get(link.entityKey);
      if (bucket === undefined) tenant.linksByEntity.set(link.entityKey, stored);
      else if (Array.isArray(bucket)) bucket.push(stored);
      else tenant.linksByEntity.set(link.entityKey, [bucket, stored]);
    }

    for (const entry of changes.timeline ?? []) {
      const list = tenant.timelines.get(entry.caseId);
      if (list === undefined) tenant.timelines.set(entry.caseId, [entry]);
      else list.push(entry);
    }
  }

  /**
   * Rebuilds the alert lists of every case an alert left or joined, in one pass per case (moving every alert of
   * a large case stays linear), keeping insertion order. `moves` maps alert id → the case it was in before.
   */
  #applyMoves(tenant: TenantCases, moves: ReadonlyMap<string, string>): void {
    const seqOf = new Map<string, number>();
    const affected = new Set<string>();
    for (const [alertId, fromCaseId] of moves) {
      affected.add(fromCaseId);
      affected.add(tenant.alerts.get(alertId)!.caseId);
    }
    for (const caseId of affected) {
      const list = tenant.caseAlerts.get(caseId);
      if (list === undefined) continue;
      list.ids.forEach((alertId, index) => {
        if (moves.has(alertId)) seqOf.set(alertId, list.seqs[index]!);
      });
    }
    for (const caseId of affected) {
      const pairs: [string, number][] = [];
      const list = tenant.caseAlerts.get(caseId);
      list?.ids.forEach((alertId, index) => {
        if (!moves.has(alertId)) pairs.push([alertId, list.seqs[index]!]);
      });
      for (const alertId of moves.keys()) {
        if (tenant.alerts.get(alertId)!.caseId === caseId) pairs.push([alertId, seqOf.get(alertId)!]);
      }
      pairs.sort((a, b) => a[1] - b[1]);
      tenant.caseAlerts.set(caseId, { ids: pairs.map((pair) => pair[0]), seqs: pairs.map((pair) => pair[1]) });
    }
  }

  #toCase(tenant: TenantCases, record: CaseRecord): Case {
    const links = tenant.linksByCase.get(record.id);
    return {
      ...record,
      milestones: { ...record.milestones },
      tags: [...record.tags],
      alertIds: [...(tenant.caseAlerts.get(record.id)?.ids ?? [])],
      entities: links === undefined ? [] : [...links.keys()].sort(),
    };
  }

  async getCase(tenantId: string, caseId: string): Promise<Case | null> {
    const tenant = this.#tenant(tenantId);
    const record = tenant?.cases.get(caseId);
    return tenant === undefined || record === undefined ? null : this.#toCase(tenant, record);
  }

  async getCaseRecords(tenantId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const records: CaseRecord[] = [];
    for (const caseId of new Set(caseIds)) {
      const record = tenant.cases.get(caseId);
      if (record !== undefined) records.push(record);
    }
    return records;
  }

  async listCases(tenantId: string, query?: CaseQuery): Promise<CasePage> {
    const limit = casePageSize(query?.limit);
    const after = query?.cursor ? decodeCaseCursor(query.cursor) : null;
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return { cases: [], nextCursor: null };
    const statuses = caseQueryStatuses(query);
    if (tenant.listOrder === null) {
      const records = [...tenant.cases.values()];
      records.sort((a, b) => (caseSortsBefore(a, b) ? -1 : caseSortsBefore(b, a) ? 1 : 0));
      tenant.listOrder = records.map((record) => record.id);
    }
    const order = tenant.listOrder;
    // Binary search for the first case after the cursor, then scan: a page costs its own length plus the cases
    // its status filter skips, not a sort of the tenant.
    let start = 0;
    if (after !== null) {
      let high = order.length;
      while (start < high) {
        const middle = (start + high) >>> 1;
        if (caseSortsBefore(after, tenant.cases.get(order[middle]!)!)) high = middle;
        else start = middle + 1;
      }
    }
    const page: CaseRecord[] = [];
    let more = false;
    for (let index = start; index < order.length; index++) {
      const record = tenant.cases.get(order[index]!)!;
      if (statuses !== null && !statuses.has(record.status)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(record);
    }
    const last = page.at(-1);
    return {
      cases: page.map((record) => this.#toCase(tenant, record)),
      nextCursor: more && last !== undefined ? encodeCaseCursor(last) : null,
    };
  }

  async getTimeline(tenantId: string, caseId: string, query?: TimelineQuery): Promise<TimelineEntry[]> {
    const entries = this.#tenant(tenantId)?.timelines.get(caseId) ?? [];
    const offset = Math.max(0, query?.offset ?? 0);
    return entries.slice(offset, query?.limit === undefined ? undefined : offset + Math.max(0, query.limit));
  }

  async getAlert(tenantId: string, alertId: string): Promise<StoredAlert | null> {
    return this.#tenant(tenantId)?.alerts.get(alertId) ?? null;
  }

  async getAlerts(tenantId: string, alertIds: readonly string[]): Promise<StoredAlert[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const alerts: StoredAlert[] = [];
    for (const alertId of new Set(alertIds)) {
      const alert = tenant.alerts.get(alertId);
      if (alert !== undefined) alerts.push(alert);
    }
    return alerts;
  }

  async findAlertsByFingerprint(tenantId: string, fingerprints: readonly string[]): Promise<FingerprintMatch[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const matches: FingerprintMatch[] = [];
    for (const fingerprint of new Set(fingerprints)) {
      const alertId = tenant.fingerprints.get(fingerprint);
      if (alertId === undefined) continue;
      matches.push({ fingerprint, alertId, caseId: tenant.alerts.get(alertId)!.caseId });
    }
    return matches;
  }

  async findEntityLinks(tenantId: string, entityKeys: readonly string[], window: TimeWindow): Promise<EntityLink[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const links: EntityLink[] = [];
    for (const entityKey of new Set(entityKeys)) {
      const bucket = tenant.linksByEntity.get(entityKey);
      if (bucket === undefined) continue;
      if (!Array.isArray(bucket)) collectLink(tenant, bucket, window, links);
      else for (const link of bucket) collectLink(tenant, link, window, links);
    }
    return links;
  }
}

/** A fresh, empty in-memory case store. */
export function createMemoryCaseStore(): MemoryCaseStore {
  return new MemoryCaseStore();
}

function collectLink(tenant: TenantCases, link: EntityLink, window: TimeWindow, into: EntityLink[]): void {
  if (!link.correlates || link.lastSeenAt < window.from || link.firstSeenAt > window.to) return;
  const record = tenant.cases.get(link.caseId);
  if (record !== undefined && isOpenStatus(record.status)) into.push({ ...link });
}
