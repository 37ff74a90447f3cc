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

interface AlertSlot {
  /** Insertion order: a case lists its alerts in this order, also after moves. */
  seq: number;
  alert: StoredAlert;
}

class TenantCases {
  readonly cases = new Map<string, CaseRecord>();
  /** Case ids in `listCases` order, rebuilt lazily after a case is created; paging reuses it. */
  listOrder: string[] | null = null;
  /** Case id → alert ids in `seq` order. */
  readonly caseAlertIds = new Map<string, string[]>();
  readonly alerts = new Map<string, AlertSlot>();
  readonly fingerprints = new Map<string, string>();
  readonly timelines = new Map<string, TimelineEntry[]>();
  /**
   * Entity key → its links, the same objects as in `linksByCase`. An array, not a map: an entity is on one or
   * two cases almost always, and a small array is both lighter and faster to scan than a map per entity.
   */
  readonly linksByEntity = new Map<string, EntityLink[]>();
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
      tenant.alerts.set(alert.id, { seq: this.#nextSeq++, alert });
      tenant.fingerprints.set(alert.fingerprint, alert.id);
      const list = tenant.caseAlertIds.get(alert.caseId);
      if (list === undefined) tenant.caseAlertIds.set(alert.caseId, [alert.id]);
      else list.push(alert.id);
    }

    // Moves are applied per case in one pass, so moving every alert of a large case stays linear.
    const movedInto = new Map<string, string[]>();
    const movedOutOf = new Set<string>();
    for (const update of changes.alertUpdates ?? []) {
      const slot = tenant.alerts.get(update.alertId)!;
      let alert = slot.alert;
      if (update.caseId !== undefined && update.caseId !== alert.caseId) {
        movedOutOf.add(alert.caseId);
        const into = movedInto.get(update.caseId);
        if (into === undefined) movedInto.set(update.caseId, [alert.id]);
        else into.push(alert.id);
        alert = { ...alert, caseId: update.caseId };
      }
      if (update.duplicatesAdded !== undefined || update.lastReceivedAt !== undefined) {
        alert = {
          ...alert,
          duplicateCount: alert.duplicateCount + (update.duplicatesAdded ?? 0),
          lastReceivedAt: Math.max(alert.lastReceivedAt, update.lastReceivedAt ?? alert.lastReceivedAt),
        };
      }
      slot.alert = alert;
    }
    for (const caseId of new Set([...movedOutOf, ...movedInto.keys()])) {
      const belongs = (alertId: string) => tenant.alerts.get(alertId)?.alert.caseId === caseId;
      const list = (tenant.caseAlertIds.get(caseId) ?? []).filter(belongs);
      const present = new Set(list);
      for (const alertId of movedInto.get(caseId) ?? []) {
        if (belongs(alertId) && !present.has(alertId)) {
          list.push(alertId);
          present.add(alertId);
        }
      }
      list.sort((a, b) => tenant.alerts.get(a)!.seq - tenant.alerts.get(b)!.seq);
      tenant.caseAlertIds.set(caseId, list);
    }

    for (const caseId of changes.resetEntityLinks ?? []) {
      const links = tenant.linksByCase.get(caseId);
      if (links === undefined) continue;
      for (const link of links.values()) {
        const bucket = tenant.linksByEntity.get(link.entityKey)!;
        bucket.splice(bucket.indexOf(link), 1);
        if (bucket.length === 0) tenant.linksByEntity.delete(link.entityKey);
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
      if (bucket === undefined) tenant.linksByEntity.set(link.entityKey, [stored]);
      else bucket.push(stored);
    }

    for (const entry of changes.timeline ?? []) {
      const list = tenant.timelines.get(entry.caseId);
      if (list === undefined) tenant.timelines.set(entry.caseId, [entry]);
      else list.push(entry);
    }
  }

  #toCase(tenant: TenantCases, record: CaseRecord): Case {
    const links = tenant.linksByCase.get(record.id);
    return {
      ...record,
      milestones: { ...record.milestones },
      tags: [...record.tags],
      alertIds: [...(tenant.caseAlertIds.get(record.id) ?? [])],
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
    return this.#tenant(tenantId)?.alerts.get(alertId)?.alert ?? null;
  }

  async getAlerts(tenantId: string, alertIds: readonly string[]): Promise<StoredAlert[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const alerts: StoredAlert[] = [];
    for (const alertId of new Set(alertIds)) {
      const slot = tenant.alerts.get(alertId);
      if (slot !== undefined) alerts.push(slot.alert);
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
      matches.push({ fingerprint, alertId, caseId: tenant.alerts.get(alertId)!.alert.caseId });
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
      for (const link of bucket) {
        if (!link.correlates || link.lastSeenAt < window.from || link.firstSeenAt > window.to) continue;
        const record = tenant.cases.get(link.caseId);
        if (record === undefined || !isOpenStatus(record.status)) continue;
        links.push({ ...link });
      }
    }
    return links;
  }
}

/** A fresh, empty in-memory case store. */
export function createMemoryCaseStore(): MemoryCaseStore {
  return new MemoryCaseStore();
}
