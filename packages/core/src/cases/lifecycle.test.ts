import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../errors.js';
import {
  assertTransition,
  type CaseStatus,
  CaseStatus as CaseStatusSchema,
  canTransition,
  caseStatuses,
  caseTransitions,
  isOpenStatus,
} from './lifecycle.js';

/**
 * The lifecycle as a product decision, written out independently of `caseTransitions`: a change to the state
 * machine must change this table too.
 */
const allowed: Record<CaseStatus, CaseStatus[]> = {
  new: ['triaging', 'closed'],
  triaging: ['investigating', 'responding', 'resolved', 'closed'],
  investigating: ['responding', 'resolved', 'closed'],
  responding: ['investigating', 'resolved', 'closed'],
  resolved: ['investigating', 'closed'],
  closed: [],
};

const pairs = caseStatuses.flatMap((from) => caseStatuses.map((to) => [from, to] as const));

describe('case lifecycle', () => {
  it('has the six statuses in order', () => {
    expect(caseStatuses).toEqual(['new', 'triaging', 'investigating', 'responding', 'resolved', 'closed']);
    expect(CaseStatusSchema.safeParse('open').success).toBe(false);
  });

  it('the transition table is exactly the documented one', () => {
    expect(caseTransitions).toEqual(allowed);
  });

  it.each(pairs.filter(([from, to]) => allowed[from].includes(to)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition('case_1', from, to)).not.toThrow();
  });

  it.each(pairs.filter(([from, to]) => !allowed[from].includes(to)))('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let caught: unknown;
    try {
      assertTransition('case_1', from, to);
    } catch (error) {
      caught = error;
    }
    expect(InvalidTransitionError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ name: 'InvalidTransitionError', caseId: 'case_1', from, to, fault: 'client' });
    expect((caught as Error).message).toBe(`Case case_1 cannot move from "${from}" to "${to}"`);
  });

  it('never stays in place, and closed is final', () => {
    for (const status of caseStatuses) expect(canTransition(status, status)).toBe(false);
    for (const status of caseStatuses) expect(canTransition('closed', status)).toBe(false);
  });

  it('every status can reach closed', () => {
    const reachesClosed = (status: CaseStatus, seen = new Set<CaseStatus>()): boolean => {
      if (status === 'closed') return true;
      seen.add(status);
      return allowed[status].some((next) => !seen.has(next) && reachesClosed(next, seen));
    };
    for (const status of caseStatuses) expect(reachesClosed(status), status).toBe(true);
  });

  it('open statuses accept correlated alerts; resolved and closed do not', () => {
    expect(caseStatuses.filter(isOpenStatus)).toEqual(['new', 'triaging', 'investigating', 'responding']);
  });
});
