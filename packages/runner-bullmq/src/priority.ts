import type { SeverityId } from '@rampart/core';

/**
 * BullMQ priority of an alert: 1 is taken first. Fatal and Critical alerts overtake a backlog of Low ones;
 * Unknown goes last. Decisions and resumptions use `decisionPriority`: an analyst is waiting on them.
 */
export function priorityOfSeverity(severityId: SeverityId): number {
  return 8 - Math.min(6, Math.max(0, severityId));
}

export const decisionPriority = 1;
