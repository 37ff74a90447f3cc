import type { AuditEvent } from '../audit/audit-event.js';
import type { IdSource } from '../clock.js';
import type { CaseRecord, EntityLink, StoredAlert } from '../stores/case-store.js';
import type { Case } from './case.js';
import { toJsonValue } from './json-value.js';
import type { Actor, TimelineData, TimelineEntry, TimelineEntryType } from './timeline.js';

/** The audit event type (noun-verb) each timeline entry is recorded as. */
export const auditTypeOfEntry: Readonly<Record<TimelineEntryType, string>> = {
  'alert-added': 'alert-added',
  'tool-call': 'tool-called',
  reasoning: 'reasoning-recorded',
  'verdict-set': 'verdict-set',
  'approval-requested': 'approval-requested',
  'approval-decided': 'approval-decided',
  escalation: 'case-escalated',
  feedback: 'feedback-recorded',
  'status-changed': 'status-changed',
  'severity-changed': 'severity-changed',
  'assignee-changed': 'assignee-changed',
  'case-merged': 'case-merged',
  'alert-moved': 'alert-moved',
  'case-contained': 'case-contained',
};

export type EntryOf<T extends TimelineEntryType> = Extract<TimelineEntry, { type: T }>;

export function timelineEntry<T extends TimelineEntryType>(
  ids: IdSource,
  caseId: string,
  type: T,
  data: TimelineData<T>,
  actor: Actor,
  at: number,
): EntryOf<T> {
  return { id: ids.next('entry'), caseId, at, actor, type, data } as EntryOf<T>;
}

/** The audit event that records a timeline entry. */
export function auditEventOfEntry(entry: TimelineEntry, tenantId: string): AuditEvent {
  return {
    type: auditTypeOfEntry[entry.type],
    at: entry.at,
    tenantId,
    caseId: entry.caseId,
    actor: entry.actor,
    data: toJsonValue({ entryId: entry.id, ...entry.data }),
  };
}

/** `{ [key]: value }` when the value is present, else `{}`: stored records never carry `undefined` members. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A case's next record: the same case with `changes`, one version later. */
export function nextRecord(current: Case | CaseRecord, changes: Partial<CaseRecord>, now: number): CaseRecord {
  const { alertIds: _alertIds, entities: _entities, ...record } = current as Case;
  return { ...record, ...changes, updatedAt: now, version: current.version + 1 };
}

/** Per entity, the event-time span of `alerts` as links of `caseId`. */
export function entityLinksOf(
  alerts: readonly StoredAlert[],
  caseId: string,
  correlates: (entityKey: string) => boolean,
): EntityLink[] {
  const spans = new Map<string, EntityLink>();
  for (const stored of alerts) {
    const time = stored.alert.time;
    for (const entityKey of stored.entities) {
      const link = spans.get(entityKey);
      if (link === undefined) {
        spans.set(entityKey, {
          entityKey,
          caseId,
          firstSeenAt: time,
          lastSeenAt: time,
          correlates: correlates(entityKey),
        });
      } else {
        if (time < link.firstSeenAt) link.firstSeenAt = time;
        if (time > link.lastSeenAt) link.lastSeenAt = time;
      }
    }
  }
  return [...spans.values()];
}
