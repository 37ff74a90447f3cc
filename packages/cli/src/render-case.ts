import { severityLabel, type TimelineEntry } from '@rampart/core';

/** `09:14:00` in UTC: the sandbox clock and the vendors' timestamps are UTC. */
export function clockTime(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString().slice(11, 19);
}

/** One human-readable line per timeline entry. */
export function describeEntry(entry: TimelineEntry): string {
  switch (entry.type) {
    case 'alert-added':
      return `alert added: ${entry.data.title} [${severityLabel(entry.data.severityId)}] (${entry.data.entities.join(', ')})`;
    case 'tool-call':
      return `tool ${entry.data.tool} (${entry.data.risk}) ${entry.data.status}${entry.data.outputSummary ? `: ${entry.data.outputSummary}` : ''}`;
    case 'reasoning':
      return `reasoning: ${entry.data.summary}`;
    case 'verdict-set':
      return `verdict ${entry.data.verdict} (confidence ${entry.data.confidence.toFixed(2)})${entry.data.rationale ? `: ${entry.data.rationale}` : ''}`;
    case 'approval-requested':
      return `approval requested for ${entry.data.tool} (${entry.data.risk}): ${entry.data.reason}`;
    case 'approval-decided':
      return `approval ${entry.data.decision}${entry.data.rationale ? `: ${entry.data.rationale}` : ''}`;
    case 'escalation':
      return `escalated${entry.data.to ? ` to ${entry.data.to}` : ''}: ${entry.data.reason}`;
    case 'feedback':
      return `feedback ${entry.data.kind}${entry.data.rationale ? `: ${entry.data.rationale}` : ''}`;
    case 'status-changed':
      return `status ${entry.data.from} → ${entry.data.to}${entry.data.reason ? ` (${entry.data.reason})` : ''}`;
    case 'severity-changed':
      return `severity ${severityLabel(entry.data.from)} → ${severityLabel(entry.data.to)}`;
    case 'assignee-changed':
      return `assignee ${entry.data.from ?? 'nobody'} → ${entry.data.to ?? 'nobody'}`;
    case 'case-merged':
      return `case ${entry.data.fromCaseId} merged into ${entry.data.intoCaseId} (${entry.data.alertIds.length} alerts)`;
    case 'alert-moved':
      return `alert ${entry.data.alertId} moved ${entry.data.fromCaseId} → ${entry.data.toCaseId}`;
    case 'case-contained':
      return `contained${entry.data.reason ? `: ${entry.data.reason}` : ''}`;
    default: {
      // A new entry type fails to compile here until it is described.
      const unknownEntry: never = entry;
      return JSON.stringify(unknownEntry);
    }
  }
}
