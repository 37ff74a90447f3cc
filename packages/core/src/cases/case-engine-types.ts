import type { SeverityId } from '../alerts/severity.js';
import type { AuditSink } from '../audit/audit-event.js';
import type { Clock, IdSource } from '../clock.js';
import type { Entity } from '../observables/entity.js';
import type { CaseStore } from '../stores/case-store.js';
import type { ExtractEntities } from './alert-entities.js';
import type { AlertFingerprint } from './alert-fingerprint.js';
import type { Case } from './case.js';
import type { CaseStatus } from './lifecycle.js';
import type { Actor, TimelineData, TimelineEntry, Verdict } from './timeline.js';

export interface CaseEngineOptions {
  store: CaseStore;
  /** Receives one audit event per change, after the store accepted it. */
  audit?: AuditSink;
  clock: Clock;
  ids: IdSource;
  /** Alerts correlate when they share an entity and their event times are at most this far apart. */
  correlationWindowMs: number;
  /** Alert → canonical entities; defaults to the observables parsers' `entitiesOfAlert`. */
  extractEntities?: ExtractEntities;
  /** Which alerts are the same alert; default `alertFingerprint`. */
  fingerprint?: AlertFingerprint;
  /** Whether an entity may correlate alerts; default `correlatesByDefault`. Excluded entities stay on the case. */
  correlateOn?: (entity: Entity) => boolean;
  /** An entity linked to more open cases than this within the window is ignored for correlation. Default 32. */
  maxCasesPerEntity?: number;
  /** How often an operation is re-planned after a `ConflictError` from the store. Default 3. */
  conflictRetries?: number;
  /** Who ingests when `ingest` is not told. Default `{ type: 'system', id: 'case-engine' }`. */
  actor?: Actor;
}

export interface IngestOptions {
  tenantId: string;
  actor?: Actor;
}

/** What happened to one input alert, by its position in the batch. */
export interface IngestedAlert {
  index: number;
  /** The stored alert: a new one, or for a duplicate the one it duplicates. */
  alertId: string;
  caseId: string;
  fingerprint: string;
  duplicate: boolean;
}

export interface CaseSummary {
  id: string;
  title: string;
  status: CaseStatus;
  severityId: SeverityId;
  version: number;
  /** True when this batch opened the case. */
  created: boolean;
  /** Alerts this batch added, in event-time order. */
  addedAlertIds: string[];
}

export interface IngestResult {
  /** Cases created, then cases updated, each in order of their earliest new alert. */
  cases: CaseSummary[];
  /** One per input alert, in input order. */
  alerts: IngestedAlert[];
  /** The duplicates among `alerts`. */
  duplicates: IngestedAlert[];
  /** Timeline entries this batch appended. */
  timeline: TimelineEntry[];
}

/** Who acts and for which tenant; `reason` lands on the timeline entry where the entry has one. */
export interface CaseOperationOptions {
  tenantId: string;
  actor: Actor;
  reason?: string;
}

export interface VerdictInput {
  verdict: Verdict;
  /** 0..1 */
  confidence: number;
  rationale?: string;
}

/** Entry types agents and analysts append directly; the others are written by the operations that cause them. */
export const agentTimelineEntryTypes = [
  'tool-call',
  'reasoning',
  'approval-requested',
  'approval-decided',
  'escalation',
  'feedback',
] as const;
export type AgentTimelineEntryType = (typeof agentTimelineEntryTypes)[number];
export type AgentTimelineEntryInput = {
  [T in AgentTimelineEntryType]: { type: T; data: TimelineData<T> };
}[AgentTimelineEntryType];

export interface MergeResult {
  into: Case;
  /** The absorbed case: closed, `mergedInto` set, without alerts. */
  from: Case;
}

export interface MoveResult {
  to: Case;
  /** The cases the alerts came from, recomputed. A case left without alerts is closed. */
  from: Case[];
}

export interface CaseEngine {
  /**
   * Validates, de-duplicates and correlates a batch for one tenant and writes it in one atomic change set.
   * A batch with any invalid alert is rejected whole (`ValidationError` naming each `[index].path`), before
   * anything is read or written.
   */
  ingest(alerts: readonly unknown[], options: IngestOptions): Promise<IngestResult>;
  /** Moves a case along its lifecycle; a forbidden move throws `InvalidTransitionError`. */
  transition(caseId: string, to: CaseStatus, options: CaseOperationOptions): Promise<Case>;
  setVerdict(caseId: string, verdict: VerdictInput, options: CaseOperationOptions): Promise<Case>;
  assign(caseId: string, assignee: string | null, options: CaseOperationOptions): Promise<Case>;
  setSeverity(caseId: string, severityId: SeverityId, options: CaseOperationOptions): Promise<Case>;
  /** Records the containment milestone once; later calls change nothing. */
  markContained(caseId: string, options: CaseOperationOptions): Promise<Case>;
  addTimelineEntry(
    caseId: string,
    entry: AgentTimelineEntryInput,
    options: CaseOperationOptions,
  ): Promise<TimelineEntry>;
  /** Moves every alert (and entity link) of `fromId` into `intoId` and closes `fromId` with `mergedInto`. */
  mergeCases(intoId: string, fromId: string, options: CaseOperationOptions): Promise<MergeResult>;
  /** Moves alerts into `toCaseId`; source cases get their severity, time span and entities recomputed. */
  moveAlerts(alertIds: readonly string[], toCaseId: string, options: CaseOperationOptions): Promise<MoveResult>;
}
