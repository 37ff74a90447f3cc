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
import { appendCompact, CaseLinks, EntityLinks } from './memory-entity-index.js';

// Shared empty lists, replaced by a list of its own on a case's first alert or entry (`appendCompact` copies
// short lists rather than pushing onto them, so the shared ones are never written).
const noAlertIds: string[] = [];
const noSeqs: number[] = [];
const noEntries: TimelineEntry[] = [];

/** Everything the store holds for one case, behind one map lookup. */
interface CaseState {
  readonly id: string;
  /** `null` while only alerts, links or entries name the case: a change set may write those without a record. */
  record: CaseRecord | null;
  /** Alert ids in insertion order; `seqs` (parallel, a packed number array) keep that order through moves. */
  alertIds: string[];
  seqs: number[];
  timeline: TimelineEntry[];
  /** The case's entity links, one per entity. */
  links: CaseLinks;
}

class TenantCases {
  readonly cases = new Map<string, CaseState>();
  /** Ids of cases with a record, in `listCases` order; rebuilt lazily after a case is created. */
  listOrder: string[] | null = null;
  readonly alerts = new Map<string, StoredAlert>();
  readonly fingerprints = new Map<string, string>();
  /** The entity index: entity key → its links, ordered for window lookups. */
  readonly linksByEntity = new Map<string, EntityLinks>();

  stateOf(caseId: string): CaseState {
    let state = this.cases.get(caseId);
    if (state === undefined) {
      state = {
        id: caseId,
        record: null,
        alertIds: noAlertIds,
        seqs: noSeqs,
        timeline: noEntries,
        links: new CaseLinks(),
      };
      this.cases.set(caseId, state);
    }
    return state;
  }

  record(caseId: string): CaseRecord | undefined {
    return this.cases.get(caseId)?.record ?? undefined;
  }
}

/**
 * A `CaseStore` in process memory, for tests, the sandbox and single-process hosts that need no durability.
 * Every method runs synchronously to completion, so `applyChanges` is atomic by construction: it checks the
 * whole change set first and only then writes. Stored alerts, records and entries are the objects the change
 * set carried (the engine builds them fresh and never touches them again); links are copied, because the store
 * widens its own in place.
 */
export class MemoryCaseStore implements CaseStore {
  readonly #tenants = new Map<string, TenantCases>();
  #nextSeq = 0;
  /** Counts `findEntityLinks` calls; see `EntityLinks.lastLookup`. */
  #lookupCount = 0;

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
    this.#checkCaseVersions(tenant, changes.cases ?? []);
    const newAlerts = changes.newAlerts ?? [];
    // New alerts go into the id and fingerprint maps as they are checked (one lookup and one insert per map,
    // instead of checking against the maps and the change set's own ids first and inserting after); any
    // conflict takes the inserted ones out again before throwing, so a failed change set still writes nothing.
    this.#insertNewAlerts(tenant, newAlerts);
    try {
      this.#checkAlertUpdates(tenant, changes);
    } catch (error) {
      this.#removeNewAlerts(tenant, newAlerts, newAlerts.length);
      throw error;
    }
    this.#write(tenant, changes);
  }

  #checkCaseVersions(tenant: TenantCases, cases: readonly CaseRecord[]): void {
    // A change set names each case once in practice; the map is for the rare one that names a case twice.
    let pendingVersions: Map<string, number> | undefined;
    for (let index = 0; index < cases.length; index++) {
      const record = cases[index]!;
      const current = pendingVersions?.get(record.id) ?? tenant.record(record.id)?.version;
      if (record.version !== (current ?? 0) + 1) {
        throw new ConflictError('Case', record.id, record.version - 1, current);
      }
      if (index + 1 < cases.length) {
        pendingVersions ??= new Map();
        pendingVersions.set(record.id, record.version);
      }
    }
  }

  /** Inserts every new alert by id and fingerprint, or throws a `ConflictError` having inserted none. */
  #insertNewAlerts(tenant: TenantCases, newAlerts: readonly StoredAlert[]): void {
    for (let index = 0; index < newAlerts.length; index++) {
      const alert = newAlerts[index]!;
      // An id or fingerprint that appears twice in the change set meets its first occurrence, inserted above.
      if (tenant.alerts.has(alert.id)) {
        this.#removeNewAlerts(tenant, newAlerts, index);
        throw new ConflictError('Alert', alert.id, 0, 1);
      }
      if (tenant.fingerprints.has(alert.fingerprint)) {
        this.#removeNewAlerts(tenant, newAlerts, index);
        throw new ConflictError('Alert fingerprint', alert.fingerprint, 0, 1);
      }
      tenant.alerts.set(alert.id, alert);
      tenant.fingerprints.set(alert.fingerprint, alert.id);
    }
  }

  /** Takes the first `count` new alerts out of the id and fingerprint maps again. */
  #removeNewAlerts(tenant: TenantCases, newAlerts: readonly StoredAlert[], count: number): void {
    for (let index = 0; index < count; index++) {
      const alert = newAlerts[index]!;
      tenant.alerts.delete(alert.id);
      tenant.fingerprints.delete(alert.fingerprint);
    }
  }

  /** Every updated alert exists: stored before, or new in this change set (already inserted). */
  #checkAlertUpdates(tenant: TenantCases, changes: CaseChangeSet): void {
    for (const update of changes.alertUpdates ?? []) {
      if (!tenant.alerts.has(update.alertId)) throw new NotFoundError('Alert', update.alertId);
    }
  }

  #write(tenant: TenantCases, changes: CaseChangeSet): void {
    for (const record of changes.cases ?? []) {
      const state = tenant.stateOf(record.id);
      if (state.record === null || state.record.createdAt !== record.createdAt) tenant.listOrder = null;
      state.record = record;
    }

    // A change set lists a case's alerts, links and entries together: each loop looks a case up once per run.
    let state: CaseState | undefined;
    for (const alert of changes.newAlerts ?? []) {
      if (state === undefined || state.id !== alert.caseId) state = tenant.stateOf(alert.caseId);
      state.alertIds = appendCompact(state.alertIds, alert.id);
      state.seqs = appendCompact(state.seqs, this.#nextSeq++);
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
      const reset = tenant.cases.get(caseId);
      if (reset === undefined) continue;
      for (const link of reset.links.list) {
        const links = tenant.linksByEntity.get(link.entityKey)!;
        links.remove(link);
        if (links.size === 0) tenant.linksByEntity.delete(link.entityKey);
      }
      reset.links = new CaseLinks();
    }
    for (const link of changes.entityLinks ?? []) {
      if (state === undefined || state.id !== link.caseId) state = tenant.stateOf(link.caseId);
      const existing = state.links.get(link.entityKey);
      if (existing !== undefined) {
        tenant.linksByEntity.get(link.entityKey)!.widen(existing, link.firstSeenAt, link.lastSeenAt);
        existing.correlates = link.correlates;
        continue;
      }
      const stored = copyLink(link);
      state.links.add(stored);
      const links = tenant.linksByEntity.get(link.entityKey);
      if (links === undefined) tenant.linksByEntity.set(link.entityKey, new EntityLinks(stored));
      else links.add(stored);
    }

    for (const entry of changes.timeline ?? []) {
      if (state === undefined || state.id !== entry.caseId) state = tenant.stateOf(entry.caseId);
      state.timeline = appendCompact(state.timeline, entry);
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
      const state = tenant.cases.get(caseId);
      if (state === undefined) continue;
      state.alertIds.forEach((alertId, index) => {
        if (moves.has(alertId)) seqOf.set(alertId, state.seqs[index]!);
      });
    }
    for (const caseId of affected) {
      const pairs: [string, number][] = [];
      const state = tenant.stateOf(caseId);
      state.alertIds.forEach((alertId, index) => {
        if (!moves.has(alertId)) pairs.push([alertId, state.seqs[index]!]);
      });
      for (const alertId of moves.keys()) {
        if (tenant.alerts.get(alertId)!.caseId === caseId) pairs.push([alertId, seqOf.get(alertId)!]);
      }
      pairs.sort((a, b) => a[1] - b[1]);
      state.alertIds = pairs.map((pair) => pair[0]);
      state.seqs = pairs.map((pair) => pair[1]);
    }
  }

  #toCase(state: CaseState, record: CaseRecord): Case {
    return {
      ...record,
      milestones: { ...record.milestones },
      tags: [...record.tags],
      alertIds: [...state.alertIds],
      entities: state.links.keys(),
    };
  }

  async getCase(tenantId: string, caseId: string): Promise<Case | null> {
    const state = this.#tenant(tenantId)?.cases.get(caseId);
    return state === undefined || state.record === null ? null : this.#toCase(state, state.record);
  }

  async getCaseRecords(tenantId: string, caseIds: readonly string[]): Promise<CaseRecord[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const records: CaseRecord[] = [];
    for (const caseId of new Set(caseIds)) {
      const record = tenant.record(caseId);
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
      const records: CaseRecord[] = [];
      for (const state of tenant.cases.values()) if (state.record !== null) records.push(state.record);
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
        if (caseSortsBefore(after, tenant.record(order[middle]!)!)) high = middle;
        else start = middle + 1;
      }
    }
    const page: CaseState[] = [];
    let more = false;
    for (let index = start; index < order.length; index++) {
      const state = tenant.cases.get(order[index]!)!;
      if (statuses !== null && !statuses.has(state.record!.status)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push(state);
    }
    const last = page.at(-1)?.record;
    return {
      cases: page.map((state) => this.#toCase(state, state.record!)),
      nextCursor: more && last !== undefined && last !== null ? encodeCaseCursor(last) : null,
    };
  }

  async getTimeline(tenantId: string, caseId: string, query?: TimelineQuery): Promise<TimelineEntry[]> {
    const entries = this.#tenant(tenantId)?.cases.get(caseId)?.timeline ?? [];
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
    // Only a fingerprint that matches can be reported twice, and few do: remember those rather than
    // de-duplicating every fingerprint asked for.
    let matched: Set<string> | undefined;
    for (const fingerprint of fingerprints) {
      const alertId = tenant.fingerprints.get(fingerprint);
      if (alertId === undefined || matched?.has(fingerprint)) continue;
      matched ??= new Set();
      matched.add(fingerprint);
      matches.push({ fingerprint, alertId, caseId: tenant.alerts.get(alertId)!.caseId });
    }
    return matches;
  }

  async findEntityLinks(tenantId: string, entityKeys: readonly string[], window: TimeWindow): Promise<EntityLink[]> {
    const tenant = this.#tenant(tenantId);
    if (tenant === undefined) return [];
    const found: EntityLink[] = [];
    const onOpenCase = (link: EntityLink): boolean => {
      if (!link.correlates) return false;
      const record = tenant.record(link.caseId);
      return record !== undefined && isOpenStatus(record.status);
    };
    // A key asked for twice reaches the same index entry: a stamp on the entry skips it the second time,
    // without hashing every key into a set first.
    const lookup = ++this.#lookupCount;
    for (const entityKey of entityKeys) {
      const links = tenant.linksByEntity.get(entityKey);
      if (links === undefined || links.lastLookup === lookup) continue;
      links.lastLookup = lookup;
      links.collect(window, onOpenCase, found);
    }
    // Copies: the stored links keep widening after the caller has read them.
    for (let index = 0; index < found.length; index++) found[index] = copyLink(found[index]!);
    return found;
  }
}

/** A link with the same members, as a literal: cheaper than a spread, and every link gets the same shape. */
function copyLink(link: EntityLink): EntityLink {
  return {
    entityKey: link.entityKey,
    caseId: link.caseId,
    firstSeenAt: link.firstSeenAt,
    lastSeenAt: link.lastSeenAt,
    correlates: link.correlates,
  };
}

/** A fresh, empty in-memory case store. */
export function createMemoryCaseStore(): MemoryCaseStore {
  return new MemoryCaseStore();
}
