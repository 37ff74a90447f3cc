import { z } from 'zod';
import type { AuditEvent, AuditSink } from '../audit/audit-event.js';
import { type TimelineEntry, Verdict } from '../cases/timeline.js';
import type { ContextGraph } from '../graph/context-graph.js';
import { type GraphNode, GraphNodeId } from '../graph/graph-fact.js';
import { parseOrThrow } from '../validation.js';

/** What an analyst can say about an agent's decision. */
export const feedbackKinds = ['verdict-confirmed', 'verdict-overridden', 'action-approved', 'action-denied'] as const;

/**
 * An analyst's feedback on one agent decision: confirming or overriding a verdict, approving or denying an action,
 * always with a rationale. It becomes a decision-trace node in the graph (linked to the decision it reviews) and an
 * audit leaf.
 */
export const AnalystFeedback = z
  .strictObject({
    /** The feedback's own id (from the host's `IdSource`). */
    id: z.string().min(1),
    caseId: z.string().min(1),
    /** The analyst's id, as the host's identity provider names them. */
    analyst: z.string().min(1),
    kind: z.enum(feedbackKinds),
    /** The id of the agent's decision node reviewed (without the `decision:` prefix). */
    reviews: z.string().min(1),
    rationale: z.string().trim().min(1, 'an analyst gives a reason for every feedback'),
    /** For `verdict-overridden`: the verdict the analyst set; for `verdict-confirmed`: the verdict confirmed. */
    verdict: Verdict.optional(),
    /** For action feedback: the tool of the action. */
    tool: z.string().min(1).optional(),
    /** The case's alert type (see `alertTypeOf`): what precedents and earned autonomy group by. */
    alertType: z.string().min(1).optional(),
    /** Node ids (`kind:value`) the analyst looked at; checked here, so a bad id is refused before anything is audited. */
    evidence: z.array(GraphNodeId).default([]),
  })
  .superRefine((feedback, context) => {
    if (feedback.kind === 'verdict-overridden' && feedback.verdict === undefined) {
      context.addIssue({ code: 'custom', path: ['verdict'], message: 'an override names the verdict the analyst set' });
    }
    if (feedback.kind.startsWith('action-') && feedback.tool === undefined) {
      context.addIssue({ code: 'custom', path: ['tool'], message: 'feedback on an action names its tool' });
    }
  });
export type AnalystFeedback = z.output<typeof AnalystFeedback>;
export type AnalystFeedbackInput = z.input<typeof AnalystFeedback>;

/** Whether the analyst agreed with the agent. */
export function agreedWithAgent(kind: AnalystFeedback['kind']): boolean {
  return kind === 'verdict-confirmed' || kind === 'action-approved';
}

export interface RecordedFeedback {
  feedback: AnalystFeedback;
  node: GraphNode;
  auditLeafIndex: number;
  /** The case timeline entry to append (`feedback`), with its audit leaf index. */
  timelineEntry: TimelineEntry;
}

/**
 * Records an analyst's feedback: first the audit leaf (the record of truth), then the decision-trace node that
 * names it, linked to the case, the decision reviewed and the evidence. Returns both and the timeline entry for the
 * case. The feedback is validated before anything is written.
 */
export async function recordFeedback(
  input: AnalystFeedbackInput,
  options: { graph: ContextGraph; audit: AuditSink; at: number; timelineEntryId: string },
): Promise<RecordedFeedback> {
  const feedback = parseOrThrow(
    AnalystFeedback,
    input,
    `feedback ${String((input as { id?: unknown })?.id ?? '')}`.trim(),
  );
  const agreed = agreedWithAgent(feedback.kind);
  const actor = { type: 'analyst' as const, id: feedback.analyst };
  const event: AuditEvent = {
    type: 'feedback-recorded',
    at: options.at,
    tenantId: options.graph.tenantId,
    caseId: feedback.caseId,
    actor,
    data: {
      feedbackId: feedback.id,
      kind: feedback.kind,
      reviews: feedback.reviews,
      agreed,
      rationale: feedback.rationale,
      ...(feedback.verdict !== undefined && { verdict: feedback.verdict }),
      ...(feedback.tool !== undefined && { tool: feedback.tool }),
      ...(feedback.alertType !== undefined && { alertType: feedback.alertType }),
    },
  };
  const [auditLeafIndex] = await options.audit.appendMany([event]);
  const node = await options.graph.recordDecision({
    id: feedback.id,
    at: options.at,
    trace: {
      type: 'feedback',
      caseId: feedback.caseId,
      decidedBy: actor,
      rationale: feedback.rationale,
      ...(feedback.alertType !== undefined && { alertType: feedback.alertType }),
      ...(feedback.verdict !== undefined && { verdict: feedback.verdict }),
      ...(feedback.tool !== undefined && {
        action: { tool: feedback.tool, outcome: feedback.kind === 'action-approved' ? 'approved' : 'denied' },
      }),
      feedback: { kind: feedback.kind, reviews: feedback.reviews, agreed },
      evidence: feedback.evidence,
    },
    provenance: { source: 'analyst', actor, caseId: feedback.caseId, auditLeafIndex: auditLeafIndex! },
  });
  const timelineEntry: TimelineEntry = {
    id: options.timelineEntryId,
    caseId: feedback.caseId,
    at: options.at,
    actor,
    auditLeafIndex: auditLeafIndex!,
    type: 'feedback',
    data: feedback.kind.startsWith('verdict-')
      ? {
          kind: feedback.kind as 'verdict-confirmed' | 'verdict-overridden',
          ...(feedback.verdict !== undefined && { verdict: feedback.verdict }),
          rationale: feedback.rationale,
        }
      : {
          // The timeline's feedback entry has no action kinds yet: the action is named in the comment.
          kind: 'comment',
          rationale: `${feedback.kind === 'action-approved' ? 'Approved' : 'Denied'} ${feedback.tool}: ${feedback.rationale}`,
        },
  };
  return { feedback, node, auditLeafIndex: auditLeafIndex!, timelineEntry };
}
