import type { SocAction, SocResult } from '@rampart/agents';
import { canonicalJson, type TimelineEntry } from '@rampart/core';
import { oneLine } from '../output.js';
import { describeEntry } from '../render-case.js';

/** `userId=jane.doe@acme.example, reason=…`: a tool call's input, short, for one progress line. */
export function describeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return input === undefined ? '' : oneLine(String(input), 60);
  return Object.entries(input as Record<string, unknown>)
    .map(([key, value]) => `${key}=${oneLine(typeof value === 'string' ? value : canonicalJson(value ?? null), 60)}`)
    .join(', ');
}

/**
 * One line for a timeline entry as it happens: tool calls with their input instead of their (long) output, and
 * reasoning without the reasoner's label, which the demo prints once.
 */
export function progressLine(entry: TimelineEntry, reasonerLabel?: string): string {
  switch (entry.type) {
    case 'tool-call': {
      const input = describeInput(entry.data.input);
      const error = entry.data.status === 'failed' && entry.data.error ? `: ${entry.data.error}` : '';
      return oneLine(`tool ${entry.data.tool}(${input}) [${entry.data.risk}] ${entry.data.status}${error}`);
    }
    case 'reasoning': {
      const prefix = reasonerLabel === undefined ? '' : `${reasonerLabel}: `;
      const summary = entry.data.summary.startsWith(prefix)
        ? entry.data.summary.slice(prefix.length)
        : entry.data.summary;
      return oneLine(`reasoning: ${summary}`);
    }
    default:
      return oneLine(describeEntry(entry));
  }
}

export interface ActionCounts {
  executed: number;
  pending: number;
  denied: number;
  failed: number;
}

export function countActions(actions: readonly SocAction[]): ActionCounts {
  const count = (status: SocAction['status']) => actions.filter((action) => action.status === status).length;
  return {
    executed: count('executed'),
    pending: count('pending-approval'),
    denied: count('denied'),
    failed: count('failed'),
  };
}

/** `resolved · verdict true_positive (0.85) · 3 executed, 0 pending, 0 denied`. */
export function describeOutcome(result: SocResult): string {
  const counts = countActions(result.actions);
  const verdict =
    result.verdict === null
      ? 'no verdict'
      : `verdict ${result.verdict.value} (${result.verdict.confidence.toFixed(2)})`;
  const failed = counts.failed > 0 ? `, ${counts.failed} failed` : '';
  const escalation =
    result.escalation === null ? '' : ` · escalated to ${result.escalation.to}: ${result.escalation.reason}`;
  return (
    `${result.case.status} · ${verdict} · actions ${counts.executed} executed, ${counts.pending} pending, ` +
    `${counts.denied} denied${failed}${escalation}`
  );
}
