import { describe, expect, it } from 'vitest';
import { Case, CaseVerdict, type SlaTargets, slaTimers } from './case.js';

const minute = 60_000;
const createdAt = Date.UTC(2026, 10, 27, 9, 0, 0);
const targets: SlaTargets = {
  timeToTriageMs: 15 * minute,
  timeToContainMs: 60 * minute,
  timeToResolveMs: 240 * minute,
};

function caseRecord(milestones: Case['milestones'] = {}): Case {
  return Case.parse({
    id: 'case_000001',
    tenantId: 'tenant-a',
    title: 'Impossible travel for alice',
    status: 'new',
    severityId: 4,
    verdict: null,
    assignee: null,
    tags: [],
    alertIds: ['alert_1'],
    entities: ['user:alice'],
    createdAt,
    updatedAt: createdAt,
    firstAlertAt: createdAt,
    lastAlertAt: createdAt,
    milestones,
    mergedInto: null,
    version: 0,
  });
}

describe('slaTimers', () => {
  it('pending milestones count up to now and are neither met nor breached within target', () => {
    const timers = slaTimers(caseRecord(), targets, createdAt + 10 * minute);
    expect(timers.triage).toEqual({ elapsedMs: 10 * minute, targetMs: 15 * minute, met: null, breached: false });
    expect(timers.contain).toEqual({ elapsedMs: 10 * minute, targetMs: 60 * minute, met: null, breached: false });
    expect(timers.resolve).toEqual({ elapsedMs: 10 * minute, targetMs: 240 * minute, met: null, breached: false });
  });

  it('a pending milestone past its target is breached (and still not met)', () => {
    const timers = slaTimers(caseRecord(), targets, createdAt + 20 * minute);
    expect(timers.triage).toEqual({ elapsedMs: 20 * minute, targetMs: 15 * minute, met: null, breached: true });
    expect(timers.contain.breached).toBe(false);
  });

  it('a milestone reached within target is met, whatever the time now', () => {
    const timers = slaTimers(caseRecord({ triagedAt: createdAt + 5 * minute }), targets, createdAt + 1000 * minute);
    expect(timers.triage).toEqual({ elapsedMs: 5 * minute, targetMs: 15 * minute, met: true, breached: false });
    expect(timers.contain).toMatchObject({ met: null, breached: true });
  });

  it('reaching a milestone exactly at the target meets it', () => {
    const timers = slaTimers(caseRecord({ triagedAt: createdAt + 15 * minute }), targets, createdAt + 15 * minute);
    expect(timers.triage).toMatchObject({ met: true, breached: false });
    const pending = slaTimers(caseRecord(), targets, createdAt + 15 * minute);
    expect(pending.triage).toMatchObject({ met: null, breached: false });
    const justLate = slaTimers(caseRecord(), targets, createdAt + 15 * minute + 1);
    expect(justLate.triage).toMatchObject({ met: null, breached: true });
  });

  it('a milestone reached late is not met and stays breached', () => {
    const timers = slaTimers(
      caseRecord({
        triagedAt: createdAt + 5 * minute,
        containedAt: createdAt + 90 * minute,
        resolvedAt: createdAt + 100 * minute,
      }),
      targets,
      createdAt + 100 * minute,
    );
    expect(timers.triage).toMatchObject({ met: true, breached: false });
    expect(timers.contain).toEqual({ elapsedMs: 90 * minute, targetMs: 60 * minute, met: false, breached: true });
    expect(timers.resolve).toEqual({ elapsedMs: 100 * minute, targetMs: 240 * minute, met: true, breached: false });
  });

  it('measures from createdAt, not from the first alert', () => {
    const record = { ...caseRecord(), firstAlertAt: createdAt - 30 * minute };
    expect(slaTimers(record, targets, createdAt + minute).triage.elapsedMs).toBe(minute);
  });

  it('does not depend on the wall clock', () => {
    const record = caseRecord({ triagedAt: createdAt + minute });
    expect(slaTimers(record, targets, createdAt + 2 * minute)).toEqual(
      slaTimers(record, targets, createdAt + 2 * minute),
    );
  });
});

describe('Case and CaseVerdict schemas', () => {
  it('accept a well-formed case', () => {
    expect(caseRecord().status).toBe('new');
  });

  it('reject verdict confidence outside 0..1 and unknown verdicts', () => {
    const verdict = { value: 'benign', confidence: 0.9, decidedBy: { type: 'agent', id: 'triage' }, at: createdAt };
    expect(CaseVerdict.safeParse(verdict).success).toBe(true);
    expect(CaseVerdict.safeParse({ ...verdict, confidence: 1.2 }).success).toBe(false);
    expect(CaseVerdict.safeParse({ ...verdict, confidence: -0.1 }).success).toBe(false);
    expect(CaseVerdict.safeParse({ ...verdict, value: 'probably-fine' }).success).toBe(false);
  });

  it('reject unknown statuses and severities', () => {
    const record = caseRecord();
    expect(Case.safeParse({ ...record, status: 'open' }).success).toBe(false);
    expect(Case.safeParse({ ...record, severityId: 7 }).success).toBe(false);
  });
});
