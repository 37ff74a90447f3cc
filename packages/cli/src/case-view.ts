import type { SocResult } from '@rampart/agents';
import { severityLabel } from '@rampart/core';
import { describeEntry } from './render-case.js';

const iso = (epochMilliseconds: number) => new Date(epochMilliseconds).toISOString();

/**
 * A case as `--json` prints it: what it is, what was decided, what was done (each action's latest status and
 * idempotency key), what waits for a human, and the timeline with one readable summary per entry.
 */
export function caseView(result: SocResult) {
  const record = result.case;
  return {
    id: record.id,
    tenantId: record.tenantId,
    title: record.title,
    status: record.status,
    verdict: record.verdict?.value ?? null,
    confidence: record.verdict?.confidence ?? null,
    rationale: record.verdict?.rationale ?? null,
    severity: severityLabel(record.severityId),
    severityId: record.severityId,
    alertIds: record.alertIds,
    entities: record.entities,
    run: { id: result.runId, status: result.status, escalation: result.escalation, error: result.error },
    actions: result.actions.map((action) => ({
      tool: action.tool,
      risk: action.risk,
      status: action.status,
      idempotencyKey: action.idempotencyKey ?? null,
      input: action.input,
    })),
    pendingApprovals: result.pendingApprovals.map((approval) => ({
      approvalId: approval.approvalId,
      tool: approval.tool,
      risk: approval.risk,
      reason: approval.reason,
      input: approval.input,
      requestedAt: iso(approval.requestedAt),
    })),
    timeline: result.timeline.map((entry) => ({
      id: entry.id,
      at: iso(entry.at),
      type: entry.type,
      actor: `${entry.actor.type}:${entry.actor.id}`,
      summary: describeEntry(entry),
      data: entry.data,
    })),
  };
}

export type CaseView = ReturnType<typeof caseView>;
