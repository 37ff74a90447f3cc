import { type SeverityId, SeverityId as SeverityIdSchema } from '../alerts/severity.js';
import type { AuditEvent } from '../audit/audit-event.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { parseEntityKey } from '../observables/entity.js';
import type { CaseChangeSet, CaseRecord, StoredAlert } from '../stores/case-store.js';
import { parseOrThrow } from '../validation.js';
import { canonicalEntitiesOfAlert, correlatesByDefault } from './alert-entities.js';
import { alertFingerprint } from './alert-fingerprint.js';
import { type Case, CaseVerdict } from './case.js';
import { auditEventOfEntry, entityLinksOf, type EntryOf, nextRecord, optional, timelineEntry } from './case-changes.js';
import {
  type AgentTimelineEntryInput,
  agentTimelineEntryTypes,
  type CaseEngine,
  type CaseEngineOptions,
  type CaseOperationOptions,
  type IngestOptions,
  type IngestResult,
  type MergeResult,
  type MoveResult,
  type VerdictInput,
} from './case-engine-types.js';
import { AuditAppendError, CaseClosedError } from './case-errors.js';
import { parseAlertBatch, planIngest, prepareBatch } from './case-ingest.js';
import { assertTransition, CaseStatus } from './lifecycle.js';
import { Actor, type TimelineData, TimelineEntry, type TimelineEntryType } from './timeline.js';

const defaultActor: Actor = { type: 'system', id: 'case-engine' };

/** What one planning pass of an operation decided: the writes, their audit events, and how to answer. */
interface Planned<T> {
  changes: Omit<CaseChangeSet, 'tenantId'> | null;
  events: AuditEvent[];
  value: () => T | Promise<T>;
}

/**
 * The case engine: turns alert batches into cases and moves cases through their lifecycle. Every change
 * is one atomic `CaseStore.applyChanges` call followed by its audit events; a change that lost a race
 * (`ConflictError`) is planned again from a fresh read, up to `conflictRetries` times.
 *
 * Deterministic: all times come from `clock`, all identifiers from `ids`, and nothing depends on hash or
 * iteration order of anything but the input and the store.
 */
export function createCaseEngine(options: CaseEngineOptions): CaseEngine {
  const { store, audit, clock, ids } = options;
  const windowMs = options.correlationWindowMs;
  if (!Number.isFinite(windowMs) || windowMs < 0) {
    throw new ValidationError('case engine options', [
      { path: 'correlationWindowMs', message: 'must be a finite number of milliseconds, 0 or more' },
    ]);
  }
  const conflictRetries = options.conflictRetries ?? 3;
  const ingestActor = options.actor ?? defaultActor;
  const extractEntities = options.extractEntities ?? canonicalEntitiesOfAlert;
  const fingerprint = options.fingerprint ?? alertFingerprint;
  const correlateOn = options.correlateOn ?? correlatesByDefault;

  /** For entity keys read back from the store (merges and moves), where only the key is at hand. */
  const keyCorrelates = (key: string): boolean => {
    try {
      return correlateOn(parseEntityKey(key));
    } catch {
      return false;
    }
  };

  async function appendAudit(events: AuditEvent[]): Promise<void> {
    if (audit === undefined || events.length === 0) return;
    try {
      await audit.appendMany(events);
    } catch (error) {
      throw new AuditAppendError(events, { cause: error });
    }
  }

  async function commit<T>(tenantId: string, plan: (now: number) => Promise<Planned<T>>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const planned = await plan(clock.now());
      if (planned.changes !== null) {
        try {
          await store.applyChanges({ tenantId, ...planned.changes });
        } catch (error) {
          if (ConflictError.isInstance(error) && attempt < conflictRetries) continue;
          throw error;
        }
      }
      await appendAudit(planned.events);
      return planned.value();
    }
  }

  function checkOperation(operation: CaseOperationOptions): void {
    if (typeof operation?.tenantId !== 'string' || operation.tenantId === '') {
      throw new ValidationError('case operation', [{ path: 'tenantId', message: 'must be a non-empty string' }]);
    }
    parseOrThrow(Actor, operation.actor, 'case operation actor');
  }

  async function load(tenantId: string, caseId: string): Promise<Case> {
    const found = await store.getCase(tenantId, caseId);
    if (found === null) throw new NotFoundError('Case', caseId);
    return found;
  }

  const withRecord = (current: Case, record: CaseRecord): Case => ({
    ...record,
    alertIds: current.alertIds,
    entities: current.entities,
  });

  /** A change to one case's own fields plus the entries that record it. */
  async function updateCase(
    caseId: string,
    operation: CaseOperationOptions,
    decide: (current: Case, now: number) => { changes: Partial<CaseRecord>; entries: TimelineEntry[] } | null,
  ): Promise<Case> {
    checkOperation(operation);
    return commit(operation.tenantId, async (now) => {
      const current = await load(operation.tenantId, caseId);
      const decision = decide(current, now);
      if (decision === null) return { changes: null, events: [], value: () => current };
      const record = nextRecord(current, decision.changes, now);
      return {
        changes: { cases: [record], timeline: decision.entries },
        events: decision.entries.map((entry) => auditEventOfEntry(entry, operation.tenantId)),
        value: () => withRecord(current, record),
      };
    });
  }

  const entry = <T extends TimelineEntryType>(
    caseId: string,
    type: T,
    data: TimelineData<T>,
    actor: Actor,
    now: number,
  ): EntryOf<T> => timelineEntry(ids, caseId, type, data, actor, now);

  async function ingest(inputs: readonly unknown[], ingestOptions: IngestOptions): Promise<IngestResult> {
    const tenantId = ingestOptions?.tenantId;
    if (typeof tenantId !== 'string' || tenantId === '') {
      throw new ValidationError('ingest options', [{ path: 'tenantId', message: 'must be a non-empty string' }]);
    }
    if (!Array.isArray(inputs)) {
      throw new ValidationError('alert batch', [{ path: '', message: 'must be an array of alerts' }]);
    }
    const actor = ingestOptions.actor === undefined ? ingestActor : parseOrThrow(Actor, ingestOptions.actor, 'actor');
    const alerts = parseAlertBatch(inputs);
    if (alerts.length === 0) return { cases: [], alerts: [], duplicates: [], timeline: [] };
    const prepared = prepareBatch(alerts, { extractEntities, fingerprint, correlateOn });
    const context = {
      store,
      ids,
      windowMs,
      maxCasesPerEntity: options.maxCasesPerEntity ?? 32,
      audited: audit !== undefined,
    };
    return commit(tenantId, async (now) => {
      const plan = await planIngest(context, prepared, tenantId, actor, now);
      const { tenantId: _tenantId, ...changes } = plan.changes;
      return { changes, events: plan.events, value: () => plan.result };
    });
  }

  async function transition(caseId: string, to: CaseStatus, operation: CaseOperationOptions): Promise<Case> {
    const status = parseOrThrow(CaseStatus, to, 'case status');
    return updateCase(caseId, operation, (current, now) => {
      assertTransition(caseId, current.status, status);
      const milestones = { ...current.milestones };
      // Any move past triage ends it; resolving or closing ends the case; reopening restarts the resolve timer.
      if (status !== 'triaging' && milestones.triagedAt === undefined) milestones.triagedAt = now;
      if ((status === 'resolved' || status === 'closed') && milestones.resolvedAt === undefined) {
        milestones.resolvedAt = now;
      }
      if (current.status === 'resolved' && status === 'investigating') delete milestones.resolvedAt;
      return {
        changes: { status, milestones },
        entries: [
          entry(
            caseId,
            'status-changed',
            { from: current.status, to: status, ...optional('reason', operation.reason) },
            operation.actor,
            now,
          ),
        ],
      };
    });
  }

  async function setVerdict(caseId: string, input: VerdictInput, operation: CaseOperationOptions): Promise<Case> {
    return updateCase(caseId, operation, (current, now) => {
      const verdict = parseOrThrow(
        CaseVerdict,
        {
          value: input?.verdict,
          confidence: input?.confidence,
          decidedBy: operation.actor,
          at: now,
          ...optional('rationale', input?.rationale),
        },
        'verdict',
      );
      return {
        changes: { verdict },
        entries: [
          entry(
            caseId,
            'verdict-set',
            {
              verdict: verdict.value,
              confidence: verdict.confidence,
              ...optional('rationale', verdict.rationale),
              ...optional('previous', current.verdict?.value),
            },
            operation.actor,
            now,
          ),
        ],
      };
    });
  }

  async function assign(caseId: string, assignee: string | null, operation: CaseOperationOptions): Promise<Case> {
    if (assignee !== null && (typeof assignee !== 'string' || assignee === '')) {
      throw new ValidationError('assignee', [{ path: '', message: 'must be a non-empty string or null' }]);
    }
    return updateCase(caseId, operation, (current, now) =>
      current.assignee === assignee
        ? null
        : {
            changes: { assignee },
            entries: [
              entry(caseId, 'assignee-changed', { from: current.assignee, to: assignee }, operation.actor, now),
            ],
          },
    );
  }

  async function setSeverity(caseId: string, severityId: SeverityId, operation: CaseOperationOptions): Promise<Case> {
    const to = parseOrThrow(SeverityIdSchema, severityId, 'severity');
    return updateCase(caseId, operation, (current, now) =>
      current.severityId === to
        ? null
        : {
            changes: { severityId: to },
            entries: [
              entry(
                caseId,
                'severity-changed',
                { from: current.severityId, to, ...optional('reason', operation.reason) },
                operation.actor,
                now,
              ),
            ],
          },
    );
  }

  async function markContained(caseId: string, operation: CaseOperationOptions): Promise<Case> {
    return updateCase(caseId, operation, (current, now) =>
      current.milestones.containedAt !== undefined
        ? null
        : {
            changes: { milestones: { ...current.milestones, containedAt: now } },
            entries: [
              entry(caseId, 'case-contained', { ...optional('reason', operation.reason) }, operation.actor, now),
            ],
          },
    );
  }

  async function addTimelineEntry(
    caseId: string,
    input: AgentTimelineEntryInput,
    operation: CaseOperationOptions,
  ): Promise<TimelineEntry> {
    checkOperation(operation);
    if (!(agentTimelineEntryTypes as readonly string[]).includes(input?.type)) {
      throw new ValidationError('timeline entry', [
        {
          path: 'type',
          message: `must be one of ${agentTimelineEntryTypes.join(', ')}; other entries are written by the operations that cause them`,
        },
      ]);
    }
    return commit(operation.tenantId, async (now) => {
      await load(operation.tenantId, caseId);
      const added = parseOrThrow(
        TimelineEntry,
        { id: ids.next('entry'), caseId, at: now, actor: operation.actor, type: input.type, data: input.data },
        'timeline entry',
      );
      return {
        changes: { timeline: [added] },
        events: [auditEventOfEntry(added, operation.tenantId)],
        value: () => added,
      };
    });
  }

  async function mergeCases(intoId: string, fromId: string, operation: CaseOperationOptions): Promise<MergeResult> {
    checkOperation(operation);
    if (intoId === fromId) {
      throw new ValidationError('case merge', [{ path: 'fromId', message: 'a case cannot be merged into itself' }]);
    }
    const { tenantId, actor } = operation;
    return commit(tenantId, async (now) => {
      const [into, from] = await Promise.all([load(tenantId, intoId), load(tenantId, fromId)]);
      if (into.status === 'closed') throw new CaseClosedError(intoId, 'merge another case into it');
      if (from.status === 'closed') throw new CaseClosedError(fromId, 'merge it into another case');
      const moved = await store.getAlerts(tenantId, from.alertIds);
      const severityId = Math.max(into.severityId, from.severityId) as SeverityId;
      const hasAlerts = from.alertIds.length > 0;
      const intoRecord = nextRecord(
        into,
        {
          severityId,
          firstAlertAt: hasAlerts ? Math.min(into.firstAlertAt, from.firstAlertAt) : into.firstAlertAt,
          lastAlertAt: hasAlerts ? Math.max(into.lastAlertAt, from.lastAlertAt) : into.lastAlertAt,
        },
        now,
      );
      const fromRecord = nextRecord(from, { status: 'closed', mergedInto: intoId }, now);
      const merged = { intoCaseId: intoId, fromCaseId: fromId, alertIds: from.alertIds };
      const entries: TimelineEntry[] = [
        entry(intoId, 'case-merged', merged, actor, now),
        entry(fromId, 'case-merged', merged, actor, now),
        entry(
          fromId,
          'status-changed',
          { from: from.status, to: 'closed', reason: `merged into ${intoId}` },
          actor,
          now,
        ),
      ];
      if (severityId !== into.severityId) {
        entries.push(
          entry(
            intoId,
            'severity-changed',
            { from: into.severityId, to: severityId, reason: 'case-merged' },
            actor,
            now,
          ),
        );
      }
      return {
        changes: {
          cases: [intoRecord, fromRecord],
          alertUpdates: from.alertIds.map((alertId) => ({ alertId, caseId: intoId })),
          resetEntityLinks: [fromId],
          entityLinks: entityLinksOf(moved, intoId, keyCorrelates),
          timeline: entries,
        },
        events: entries.map((added) => auditEventOfEntry(added, tenantId)),
        value: async () => ({ into: await load(tenantId, intoId), from: await load(tenantId, fromId) }),
      };
    });
  }

  async function moveAlerts(
    alertIds: readonly string[],
    toCaseId: string,
    operation: CaseOperationOptions,
  ): Promise<MoveResult> {
    checkOperation(operation);
    const requested = [...new Set(alertIds)];
    if (requested.length === 0) {
      throw new ValidationError('alert move', [{ path: 'alertIds', message: 'must name at least one alert' }]);
    }
    const { tenantId, actor } = operation;
    return commit(tenantId, async (now) => {
      const target = await load(tenantId, toCaseId);
      if (target.status === 'closed') throw new CaseClosedError(toCaseId, 'move alerts into it');
      const found = new Map((await store.getAlerts(tenantId, requested)).map((stored) => [stored.id, stored]));
      const missing = requested.find((alertId) => !found.has(alertId));
      if (missing !== undefined) throw new NotFoundError('Alert', missing);
      const moving = requested.map((alertId) => found.get(alertId)!).filter((stored) => stored.caseId !== toCaseId);
      if (moving.length === 0) return { changes: null, events: [], value: () => ({ to: target, from: [] }) };

      const movingIds = new Set(moving.map((stored) => stored.id));
      const sourceIds = [...new Set(moving.map((stored) => stored.caseId))];
      const sources = await Promise.all(sourceIds.map((caseId) => load(tenantId, caseId)));
      const records: CaseRecord[] = [];
      const entries: TimelineEntry[] = [];
      const entityLinks = entityLinksOf(moving, toCaseId, keyCorrelates);

      const span = spanOf(moving);
      const targetSeverity = Math.max(target.severityId, span.severityId) as SeverityId;
      records.push(
        nextRecord(
          target,
          {
            severityId: targetSeverity,
            firstAlertAt: Math.min(target.firstAlertAt, span.firstAlertAt),
            lastAlertAt: Math.max(target.lastAlertAt, span.lastAlertAt),
          },
          now,
        ),
      );
      for (const stored of moving) {
        const moved = { alertId: stored.id, fromCaseId: stored.caseId, toCaseId };
        entries.push(entry(stored.caseId, 'alert-moved', moved, actor, now));
        entries.push(entry(toCaseId, 'alert-moved', moved, actor, now));
      }
      if (targetSeverity !== target.severityId) {
        entries.push(
          entry(
            toCaseId,
            'severity-changed',
            { from: target.severityId, to: targetSeverity, reason: 'alert-moved' },
            actor,
            now,
          ),
        );
      }

      for (const source of sources) {
        const remaining = await store.getAlerts(
          tenantId,
          source.alertIds.filter((alertId) => !movingIds.has(alertId)),
        );
        entityLinks.push(...entityLinksOf(remaining, source.id, keyCorrelates));
        const changes: Partial<CaseRecord> = {};
        if (remaining.length > 0) {
          const left = spanOf(remaining);
          changes.severityId = left.severityId;
          changes.firstAlertAt = left.firstAlertAt;
          changes.lastAlertAt = left.lastAlertAt;
          if (left.severityId !== source.severityId) {
            entries.push(
              entry(
                source.id,
                'severity-changed',
                { from: source.severityId, to: left.severityId, reason: 'alert-moved' },
                actor,
                now,
              ),
            );
          }
        } else if (source.status !== 'closed') {
          // A case without alerts has nothing left to work on.
          changes.status = 'closed';
          entries.push(
            entry(
              source.id,
              'status-changed',
              { from: source.status, to: 'closed', reason: `all alerts moved to ${toCaseId}` },
              actor,
              now,
            ),
          );
        }
        records.push(nextRecord(source, changes, now));
      }

      return {
        changes: {
          cases: records,
          alertUpdates: moving.map((stored) => ({ alertId: stored.id, caseId: toCaseId })),
          resetEntityLinks: sourceIds,
          entityLinks,
          timeline: entries,
        },
        events: entries.map((added) => auditEventOfEntry(added, tenantId)),
        value: async () => ({
          to: await load(tenantId, toCaseId),
          from: await Promise.all(sourceIds.map((caseId) => load(tenantId, caseId))),
        }),
      };
    });
  }

  return {
    ingest,
    transition,
    setVerdict,
    assign,
    setSeverity,
    markContained,
    addTimelineEntry,
    mergeCases,
    moveAlerts,
  };
}

function spanOf(alerts: readonly StoredAlert[]): { severityId: SeverityId; firstAlertAt: number; lastAlertAt: number } {
  let severityId = 0;
  let firstAlertAt = Number.POSITIVE_INFINITY;
  let lastAlertAt = Number.NEGATIVE_INFINITY;
  for (const { alert } of alerts) {
    if (alert.severity_id > severityId) severityId = alert.severity_id;
    if (alert.time < firstAlertAt) firstAlertAt = alert.time;
    if (alert.time > lastAlertAt) lastAlertAt = alert.time;
  }
  return { severityId: severityId as SeverityId, firstAlertAt, lastAlertAt };
}
