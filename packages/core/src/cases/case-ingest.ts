import { type Alert, alertTitle, parseAlert } from '../alerts/alert.js';
import type { AuditEvent } from '../audit/audit-event.js';
import type { IdSource } from '../clock.js';
import { type ErrorLocation, ValidationError } from '../errors.js';
import { type Entity, entityKey } from '../observables/entity.js';
import type {
  CaseChangeSet,
  CaseRecord,
  CaseStore,
  EntityLink,
  FingerprintMatch,
  StoredAlert,
} from '../stores/case-store.js';
import type { ExtractEntities } from './alert-entities.js';
import type { AlertFingerprint } from './alert-fingerprint.js';
import { auditEventOfEntry, nextRecord, timelineEntry } from './case-changes.js';
import type { CaseSummary, IngestedAlert, IngestResult } from './case-engine-types.js';
import { type CorrelationAlert, correlate } from './correlation.js';
import { isOpenStatus } from './lifecycle.js';
import type { Actor, TimelineEntry } from './timeline.js';

/** At most this many issues are reported for one batch; the message says how many alerts were bad. */
const maxReportedIssues = 100;

/** Parses every alert of a batch; throws one `ValidationError` whose paths start with the alert's `[index]`. */
export function parseAlertBatch(inputs: readonly unknown[]): Alert[] {
  const alerts: Alert[] = new Array(inputs.length);
  const issues: ErrorLocation[] = [];
  let badAlerts = 0;
  let cause: unknown;
  for (let index = 0; index < inputs.length; index++) {
    try {
      alerts[index] = parseAlert(inputs[index]);
    } catch (error) {
      if (!ValidationError.isInstance(error)) throw error;
      badAlerts++;
      cause ??= error;
      for (const issue of error.issues) {
        if (issues.length >= maxReportedIssues) break;
        issues.push({ ...issue, path: issue.path ? `[${index}].${issue.path}` : `[${index}]` });
      }
    }
  }
  if (badAlerts > 0) {
    throw new ValidationError(`alert batch (${badAlerts} of ${inputs.length} alerts invalid, batch rejected)`, issues, {
      cause,
    });
  }
  return alerts;
}

/** An alert with what the engine derives from it once per batch, before any store access. */
export interface PreparedAlert extends CorrelationAlert {
  alert: Alert;
  /** Every canonical entity key of the alert. */
  entityKeys: string[];
  /** The keys that correlate (`entityKeys` itself when all do). */
  keys: string[];
  fingerprint: string;
}

export interface BatchPreparation {
  extractEntities: ExtractEntities;
  fingerprint: AlertFingerprint;
  correlateOn: (entity: Entity) => boolean;
}

export function prepareBatch(alerts: readonly Alert[], preparation: BatchPreparation): PreparedAlert[] {
  const prepared: PreparedAlert[] = new Array(alerts.length);
  for (let index = 0; index < alerts.length; index++) {
    const alert = alerts[index]!;
    const entities = distinctEntities(preparation.extractEntities(alert));
    // Kept with the stored alert for good, so built at its exact size (`map`) rather than grown by `push`,
    // which reserves 17 slots.
    const entityKeys = entities.map(entityKey);
    prepared[index] = {
      alert,
      time: alert.time,
      entityKeys,
      keys: correlatingKeys(entities, entityKeys, preparation.correlateOn),
      fingerprint: preparation.fingerprint(alert, entityKeys),
    };
  }
  return prepared;
}

/**
 * The entities, each once, in order of first appearance: `entities` itself when they are distinct, as the
 * default extractor's always are. A handful is compared pairwise; for more, hashing keys pays off.
 */
function distinctEntities(entities: Entity[]): Entity[] {
  if (entities.length <= 16) {
    for (let index = 1; index < entities.length; index++) {
      if (appearsBefore(entities, index)) return distinctByKey(entities);
    }
    return entities;
  }
  return distinctByKey(entities);
}

function appearsBefore(entities: readonly Entity[], index: number): boolean {
  const { kind, value } = entities[index]!;
  for (let earlier = 0; earlier < index; earlier++) {
    if (entities[earlier]!.value === value && entities[earlier]!.kind === kind) return true;
  }
  return false;
}

function distinctByKey(entities: readonly Entity[]): Entity[] {
  const byKey = new Map<string, Entity>();
  for (const entity of entities) {
    const key = entityKey(entity);
    if (!byKey.has(key)) byKey.set(key, entity);
  }
  return byKey.size === entities.length ? (entities as Entity[]) : [...byKey.values()];
}

/** The keys of the entities that correlate: `entityKeys` itself when all do, which is the common case. */
function correlatingKeys(
  entities: readonly Entity[],
  entityKeys: string[],
  correlateOn: (entity: Entity) => boolean,
): string[] {
  let keys: string[] | undefined;
  for (let index = 0; index < entities.length; index++) {
    const correlates = correlateOn(entities[index]!);
    if (!correlates && keys === undefined) keys = entityKeys.slice(0, index);
    else if (correlates && keys !== undefined) keys.push(entityKeys[index]!);
  }
  return keys ?? entityKeys;
}

export interface IngestPlanContext {
  store: CaseStore;
  ids: IdSource;
  windowMs: number;
  maxCasesPerEntity: number;
  /** False when nobody receives audit events: then none are built. */
  audited: boolean;
}

export interface IngestPlan {
  changes: CaseChangeSet;
  result: IngestResult;
  events: AuditEvent[];
}

/** Running totals of one group (a case this batch creates or adds to). */
interface GroupState {
  caseId: string;
  existing: CaseRecord | undefined;
  /** Positions in `fresh`, in event-time order. */
  members: number[];
}

/**
 * Reads what the batch needs in three batched lookups (fingerprints, entity links, candidate cases) and
 * turns the batch into one change set. Pure apart from those reads and the id source.
 */
export async function planIngest(
  context: IngestPlanContext,
  prepared: readonly PreparedAlert[],
  tenantId: string,
  actor: Actor,
  now: number,
): Promise<IngestPlan> {
  const { store, ids } = context;

  // De-duplication: the first occurrence of a fingerprint in the batch is the candidate original.
  const firstIndexOf = new Map<string, number>();
  for (let index = 0; index < prepared.length; index++) {
    const fingerprint = prepared[index]!.fingerprint;
    if (!firstIndexOf.has(fingerprint)) firstIndexOf.set(fingerprint, index);
  }
  const storedOf = new Map<string, FingerprintMatch>();
  if (firstIndexOf.size > 0) {
    for (const match of await store.findAlertsByFingerprint(tenantId, [...firstIndexOf.keys()])) {
      storedOf.set(match.fingerprint, match);
    }
  }
  const fresh: number[] = [];
  // In input order: the map iterates in insertion order, which is first-occurrence order.
  for (const [fingerprint, index] of firstIndexOf) if (!storedOf.has(fingerprint)) fresh.push(index);
  const freshAlerts = fresh.map((index) => prepared[index]!);

  // Correlation candidates: links of the batch's entities on open cases, within reach of the batch's times.
  let minTime = Number.POSITIVE_INFINITY;
  let maxTime = Number.NEGATIVE_INFINITY;
  const lookupKeys = new Set<string>();
  for (const alert of freshAlerts) {
    if (alert.time < minTime) minTime = alert.time;
    if (alert.time > maxTime) maxTime = alert.time;
    for (const key of alert.keys) lookupKeys.add(key);
  }
  const links =
    lookupKeys.size === 0
      ? []
      : await store.findEntityLinks(tenantId, [...lookupKeys], {
          from: minTime - context.windowMs,
          to: maxTime + context.windowMs,
        });
  const linkedCaseIds = new Set(links.map((link) => link.caseId));
  const openCases = (linkedCaseIds.size === 0 ? [] : await store.getCaseRecords(tenantId, [...linkedCaseIds])).filter(
    (record) => isOpenStatus(record.status),
  );
  const recordOf = new Map(openCases.map((record) => [record.id, record]));

  const candidates = openCases.map((record) => ({ caseId: record.id, lastAlertAt: record.lastAlertAt }));
  const plan = correlate(freshAlerts, links, candidates, {
    windowMs: context.windowMs,
    maxCasesPerEntity: context.maxCasesPerEntity,
  });

  // Identifiers in a fixed order (alerts by input position, cases by group, entries by case) for determinism.
  const alertIds = freshAlerts.map(() => ids.next('alert'));
  const groups: GroupState[] = plan.groups.map((group) => ({
    caseId: group.caseId ?? ids.next('case'),
    existing: group.caseId === null ? undefined : recordOf.get(group.caseId),
    members: [],
  }));
  for (const position of plan.order) groups[plan.groupOf[position]!]!.members.push(position);

  const alertResults: IngestedAlert[] = new Array(prepared.length);
  const newAlerts: StoredAlert[] = [];
  const storedAt: StoredAlert[] = new Array(freshAlerts.length);
  const created: { group: GroupState; record: CaseRecord }[] = [];
  const updated: { group: GroupState; record: CaseRecord }[] = [];
  const timeline: TimelineEntry[] = [];
  const entityLinks: EntityLink[] = [];
  const events: AuditEvent[] = [];
  const spans = new Map<string, EntityLink>();

  for (const group of groups) {
    let severityId = group.existing?.severityId ?? 0;
    let firstAlertAt = group.existing?.firstAlertAt ?? Number.POSITIVE_INFINITY;
    let lastAlertAt = group.existing?.lastAlertAt ?? Number.NEGATIVE_INFINITY;
    let top = group.members[0]!;
    spans.clear();
    for (const position of group.members) {
      const { alert, entityKeys, keys, fingerprint, time } = freshAlerts[position]!;
      const index = fresh[position]!;
      const alertId = alertIds[position]!;
      if (alert.severity_id > freshAlerts[top]!.alert.severity_id) top = position;
      if (alert.severity_id > severityId) severityId = alert.severity_id;
      if (time < firstAlertAt) firstAlertAt = time;
      if (time > lastAlertAt) lastAlertAt = time;
      for (const key of entityKeys) {
        const span = spans.get(key);
        if (span === undefined) {
          spans.set(key, {
            entityKey: key,
            caseId: group.caseId,
            firstSeenAt: time,
            lastSeenAt: time,
            correlates: keys === entityKeys || keys.includes(key),
          });
        } else {
          if (time < span.firstSeenAt) span.firstSeenAt = time;
          if (time > span.lastSeenAt) span.lastSeenAt = time;
        }
      }
      const stored: StoredAlert = {
        id: alertId,
        tenantId,
        caseId: group.caseId,
        fingerprint,
        entities: entityKeys,
        receivedAt: now,
        lastReceivedAt: now,
        duplicateCount: 0,
        alert,
      };
      // Stored in event-time order within the case, which is the order a case lists its alerts.
      newAlerts.push(stored);
      storedAt[position] = stored;
      alertResults[index] = { index, alertId, caseId: group.caseId, fingerprint, duplicate: false };
    }
    for (const span of spans.values()) entityLinks.push(span);

    let record: CaseRecord;
    if (group.existing === undefined) {
      record = {
        id: group.caseId,
        tenantId,
        title: alertTitle(freshAlerts[top]!.alert),
        status: 'new',
        severityId,
        verdict: null,
        assignee: null,
        tags: [],
        createdAt: now,
        updatedAt: now,
        firstAlertAt,
        lastAlertAt,
        milestones: {},
        mergedInto: null,
        version: 1,
      };
      created.push({ group, record });
      if (context.audited) {
        events.push({
          type: 'case-created',
          at: now,
          tenantId,
          caseId: record.id,
          actor,
          data: { title: record.title, severityId, alertIds: group.members.map((position) => alertIds[position]!) },
        });
      }
    } else {
      record = nextRecord(group.existing, { severityId, firstAlertAt, lastAlertAt }, now);
      updated.push({ group, record });
    }

    for (const position of group.members) {
      const { alert, entityKeys, fingerprint } = freshAlerts[position]!;
      const entry = timelineEntry(
        ids,
        group.caseId,
        'alert-added',
        {
          alertId: alertIds[position]!,
          title: alertTitle(alert),
          severityId: alert.severity_id,
          entities: entityKeys,
        },
        actor,
        now,
      );
      timeline.push(entry);
      if (!context.audited) continue;
      events.push({
        type: 'alert-added',
        at: now,
        tenantId,
        caseId: group.caseId,
        actor,
        data: {
          entryId: entry.id,
          alertId: entry.data.alertId,
          fingerprint,
          title: entry.data.title,
          severityId: entry.data.severityId,
          entities: entityKeys,
        },
      });
    }
    if (group.existing !== undefined && severityId > group.existing.severityId) {
      const entry = timelineEntry(
        ids,
        group.caseId,
        'severity-changed',
        { from: group.existing.severityId, to: severityId, reason: 'alert-added' },
        actor,
        now,
      );
      timeline.push(entry);
      if (context.audited) events.push(auditEventOfEntry(entry, tenantId));
    }
  }

  // Duplicates: of an alert already stored (an increment on it), or of an earlier alert in this batch.
  const duplicatesOf = new Map<string, { count: number; caseId: string; stored: boolean }>();
  const duplicates: IngestedAlert[] = [];
  for (let index = 0; index < prepared.length; index++) {
    if (alertResults[index] !== undefined) continue;
    const fingerprint = prepared[index]!.fingerprint;
    const stored = storedOf.get(fingerprint);
    const original = stored ?? alertResults[firstIndexOf.get(fingerprint)!]!;
    const duplicate: IngestedAlert = {
      index,
      alertId: original.alertId,
      caseId: original.caseId,
      fingerprint,
      duplicate: true,
    };
    alertResults[index] = duplicate;
    duplicates.push(duplicate);
    const counted = duplicatesOf.get(original.alertId);
    if (counted === undefined) {
      duplicatesOf.set(original.alertId, { count: 1, caseId: original.caseId, stored: stored !== undefined });
    } else counted.count++;
  }
  const alertUpdates: { alertId: string; duplicatesAdded: number; lastReceivedAt: number }[] = [];
  if (duplicatesOf.size > 0) {
    const positionOfId = new Map(alertIds.map((alertId, position) => [alertId, position]));
    for (const [alertId, { count, caseId, stored }] of duplicatesOf) {
      if (stored) alertUpdates.push({ alertId, duplicatesAdded: count, lastReceivedAt: now });
      else storedAt[positionOfId.get(alertId)!]!.duplicateCount = count;
      if (context.audited) {
        events.push({ type: 'alert-duplicated', at: now, tenantId, caseId, actor, data: { alertId, count } });
      }
    }
  }

  const summary = ({ group, record }: { group: GroupState; record: CaseRecord }): CaseSummary => ({
    id: record.id,
    title: record.title,
    status: record.status,
    severityId: record.severityId,
    version: record.version,
    created: group.existing === undefined,
    addedAlertIds: group.members.map((position) => alertIds[position]!),
  });

  return {
    changes: {
      tenantId,
      cases: [...created, ...updated].map(({ record }) => record),
      newAlerts,
      alertUpdates,
      entityLinks,
      timeline,
    },
    result: {
      cases: [...created.map(summary), ...updated.map(summary)],
      alerts: alertResults,
      duplicates,
      timeline,
    },
    events,
  };
}
