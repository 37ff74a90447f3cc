import type { Alert } from '../alerts/alert.js';
import type { Case } from '../cases/case.js';
import type { CaseStatus } from '../cases/lifecycle.js';
import type { TimelineEntry } from '../cases/timeline.js';
import { type ErrorLocation, RampartError, ValidationError } from '../errors.js';

/**
 * A case as a store writes it. `alertIds` and `entities` are not written with the record: a store derives
 * them from the alerts that point at the case and from its entity links, so adding one alert to a large
 * case is a small write, not a rewrite of every id the case holds.
 */
export type CaseRecord = Omit<Case, 'alertIds' | 'entities'>;

/** One ingested alert with what the case engine decided about it. Stored once per fingerprint per tenant. */
export interface StoredAlert {
  id: string;
  tenantId: string;
  caseId: string;
  /** Identity used for de-duplication; unique per tenant. */
  fingerprint: string;
  /** Canonical entity keys (`kind:value`) of the alert, including those excluded from correlation. */
  entities: string[];
  /** When the alert was first received (clock time, not the alert's own event time). */
  receivedAt: number;
  /** When a duplicate was last received; equals `receivedAt` until one is. */
  lastReceivedAt: number;
  /** How many times the same alert arrived again after the first. */
  duplicateCount: number;
  alert: Alert;
}

/** A change to an alert already stored. Counters are increments, so concurrent writers never lose counts. */
export interface AlertUpdate {
  alertId: string;
  /** Moves the alert to another case. */
  caseId?: string;
  /** Added to `duplicateCount`. */
  duplicatesAdded?: number;
  /** Raises `lastReceivedAt` to this value (never lowers it). */
  lastReceivedAt?: number;
}

/**
 * An entity-index row: entity `entityKey` was seen on case `caseId` by alerts whose event times span
 * `firstSeenAt..lastSeenAt`. The engine finds correlation candidates with it.
 */
export interface EntityLink {
  entityKey: string;
  caseId: string;
  firstSeenAt: number;
  lastSeenAt: number;
  /** False for entities excluded from correlation: kept for the case's entity list, never matched. */
  correlates: boolean;
}

/**
 * Everything one engine operation writes, for one tenant. A store applies a change set whole or not at all:
 * if any case version is stale or a new alert's id or fingerprint already exists, it throws a
 * `ConflictError` and writes nothing.
 *
 * Order of application: cases, new alerts, alert updates, entity-index resets, entity links, timeline.
 */
export interface CaseChangeSet {
  tenantId: string;
  /**
   * Cases to create or replace. Optimistic concurrency: a record's `version` must be the stored version plus
   * one, and `1` for a case that must not exist yet.
   */
  cases?: readonly CaseRecord[];
  /** Alerts to insert; neither `id` nor `fingerprint` may exist for the tenant. */
  newAlerts?: readonly StoredAlert[];
  alertUpdates?: readonly AlertUpdate[];
  /** Case ids whose entity links are all removed before `entityLinks` are applied (a merge or move rebuilds them). */
  resetEntityLinks?: readonly string[];
  /**
   * Links to upsert. An existing row for the same entity and case is widened to cover both time spans and
   * takes the new `correlates` flag.
   */
  entityLinks?: readonly EntityLink[];
  /** Appended to their cases' timelines, in this order. */
  timeline?: readonly TimelineEntry[];
}

/** A match of a fingerprint lookup. */
export interface FingerprintMatch {
  fingerprint: string;
  alertId: string;
  caseId: string;
}

export interface CaseQuery {
  /** One status or any of several. */
  status?: CaseStatus | readonly CaseStatus[];
  /** Page size; default 50, at most 1000. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
}

/** Newest cases first (`createdAt` descending, then `id` descending). */
export interface CasePage {
  cases: Case[];
  /** Pass as `cursor` for the next page; `null` on the last page. */
  nextCursor: string | null;
}

export interface TimelineQuery {
  /** Entries to skip from the start. */
  offset?: number;
  limit?: number;
}

/** Inclusive bounds on event time, epoch milliseconds. */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * Where cases, their alerts, timelines and the entity index live. Every read and write is scoped to one
 * tenant: a read for tenant A never returns tenant B's records, even for an id that exists in B.
 *
 * Records returned are snapshots the caller must treat as read-only. Batch reads ignore unknown ids.
 * `caseStoreConformance` in `@rampart/core/testing` is the executable form of this contract.
 */
export interface CaseStore {
  /** Applies a change set atomically; a stale case version or a taken alert id/fingerprint throws `ConflictError`. */
  applyChanges(changes: CaseChangeSet): Promise<void>;

  getCase(tenantId: string, caseId: string): Promise<Case | null>;
  /** Case records without the derived `alertIds`/`entities`: what the engine needs to correlate a batch. */
  getCaseRecords(tenantId: string, caseIds: readonly string[]): Promise<CaseRecord[]>;
  listCases(tenantId: string, query?: CaseQuery): Promise<CasePage>;
  /** Entries in the order they were appended. */
  getTimeline(tenantId: string, caseId: string, query?: TimelineQuery): Promise<TimelineEntry[]>;

  getAlert(tenantId: string, alertId: string): Promise<StoredAlert | null>;
  getAlerts(tenantId: string, alertIds: readonly string[]): Promise<StoredAlert[]>;
  findAlertsByFingerprint(tenantId: string, fingerprints: readonly string[]): Promise<FingerprintMatch[]>;
  /**
   * Correlating links for any of `entityKeys` on open cases (status not `resolved`/`closed`) whose span
   * overlaps `window` (`lastSeenAt >= from` and `firstSeenAt <= to`).
   */
  findEntityLinks(tenantId: string, entityKeys: readonly string[], window: TimeWindow): Promise<EntityLink[]>;
}

export const defaultCasePageSize = 50;
export const maxCasePageSize = 1000;

/** Clamps a requested page size to 1..`maxCasePageSize`. */
export function casePageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return defaultCasePageSize;
  return Math.min(maxCasePageSize, Math.max(1, Math.floor(limit)));
}

/** The statuses a query admits, or `null` for all. */
export function caseQueryStatuses(query: CaseQuery | undefined): ReadonlySet<CaseStatus> | null {
  if (query?.status === undefined) return null;
  return new Set<CaseStatus>(typeof query.status === 'string' ? [query.status] : query.status);
}

/** Cursors are opaque to callers; inside they hold the sort key of the last case returned. */
export function encodeCaseCursor(record: { createdAt: number; id: string }): string {
  return Buffer.from(JSON.stringify([record.createdAt, record.id])).toString('base64url');
}

export function decodeCaseCursor(cursor: string): { createdAt: number; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // fall through to the typed error below
  }
  throw new InvalidCursorError(cursor);
}

/** A `cursor` that no `listCases` call produced. */
export class InvalidCursorError extends RampartError {
  override readonly name = 'InvalidCursorError';
  constructor(readonly cursor: string) {
    super(`Not a case cursor: "${cursor.slice(0, 64)}"`);
  }
  static override isInstance(value: unknown): value is InvalidCursorError {
    return RampartError.isInstance(value) && value.name === 'InvalidCursorError';
  }
}

/** Whether `a` sorts before `b` in `listCases` order (newest first, then id descending). */
export function caseSortsBefore(a: { createdAt: number; id: string }, b: { createdAt: number; id: string }): boolean {
  return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

/**
 * Throws a `ValidationError` when a change set carries a record of another tenant: a change set is one
 * tenant's, so an engine bug can never write across tenants.
 */
export function assertChangeSetTenant(changes: CaseChangeSet): void {
  const issues: ErrorLocation[] = [];
  // Index loops, and paths built only for a mismatch: this runs once per alert on every write.
  const check = (records: readonly { tenantId: string }[] | undefined, field: string) => {
    if (records === undefined) return;
    for (let index = 0; index < records.length && issues.length < 20; index++) {
      const tenantId = records[index]!.tenantId;
      if (tenantId === changes.tenantId) continue;
      issues.push({
        path: `${field}[${index}].tenantId`,
        message: `belongs to tenant "${tenantId}", not "${changes.tenantId}"`,
        code: 'tenant_mismatch',
      });
    }
  };
  check(changes.cases, 'cases');
  check(changes.newAlerts, 'newAlerts');
  if (issues.length > 0) throw new ValidationError('CaseChangeSet', issues);
}
