import { z } from 'zod';
import { InvalidTransitionError } from '../errors.js';

export const caseStatuses = ['new', 'triaging', 'investigating', 'responding', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof CaseStatus>;

/**
 * The allowed moves. Work may skip ahead (triage can resolve a benign case outright), `closed` is
 * final, and a resolved case may be reopened into investigation when new evidence arrives.
 */
export const caseTransitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['triaging', 'closed'],
  triaging: ['investigating', 'responding', 'resolved', 'closed'],
  investigating: ['responding', 'resolved', 'closed'],
  responding: ['investigating', 'resolved', 'closed'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return caseTransitions[from].includes(to);
}

export function assertTransition(caseId: string, from: CaseStatus, to: CaseStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(caseId, from, to);
}

/** Statuses in which a case still accepts correlated alerts. */
export function isOpenStatus(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}
