import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { ValidationError } from '../errors.js';
import { recordingAuditSink } from './__fixtures__/learning-graph.js';
import { AutonomyKeyError, EarnedAutonomy } from './earned-autonomy.js';

const rule = { window: 5, minimumDecisions: 4, grantRate: 0.75 };
const outcome = (agreed: boolean, index: number) => ({
  tenantId: 'acme',
  alertType: '3002:sign-in from a new country',
  action: 'resetPassword',
  agreed,
  decisionId: `fb-${index}`,
  analyst: 'alice',
});

async function feed(autonomy: EarnedAutonomy, outcomes: boolean[], offset = 0) {
  const changes = [];
  for (const [index, agreed] of outcomes.entries())
    changes.push(await autonomy.record(outcome(agreed, offset + index)));
  return changes;
}

describe('EarnedAutonomy', () => {
  it('grants autonomy once agreement over enough decisions reaches the rate, and audits the grant', async () => {
    const audit = recordingAuditSink();
    const autonomy = new EarnedAutonomy({ audit, rule, clock: new ManualClock(9_000) });
    const changes = await feed(autonomy, [true, false, true]);
    expect(changes).toEqual([null, null, null]);
    expect(autonomy.mayActWithoutApproval('acme', '3002:sign-in from a new country', 'resetPassword')).toBe(false);
    const [granted] = await feed(autonomy, [true], 3);
    expect(granted).toMatchObject({
      type: 'autonomy-granted',
      status: { granted: true, agreementRate: 0.75, grantedAt: 9_000 },
      auditLeafIndex: 0,
    });
    expect(autonomy.mayActWithoutApproval('acme', '3002:sign-in from a new country', 'resetPassword')).toBe(true);
    expect(autonomy.mayActWithoutApproval('globex', '3002:sign-in from a new country', 'resetPassword')).toBe(false);
    expect(autonomy.mayActWithoutApproval('acme', '3002:sign-in from a new country', 'suspendUser')).toBe(false);
    expect(audit.events).toEqual([
      expect.objectContaining({
        type: 'autonomy-granted',
        tenantId: 'acme',
        data: expect.objectContaining({ action: 'resetPassword', decisions: 4, agreementRate: 0.75 }),
      }),
    ]);
  });

  it('revokes on one disagreement, audits it, and makes the agent earn it again from scratch', async () => {
    const audit = recordingAuditSink();
    const autonomy = new EarnedAutonomy({ audit, rule });
    await feed(autonomy, [true, true, true, true]);
    const [revoked] = await feed(autonomy, [false], 4);
    expect(revoked).toMatchObject({ type: 'autonomy-revoked', status: { granted: false, recent: [] } });
    expect(revoked?.reason).toMatch(/decision fb-4/);
    expect(audit.events.map((event) => event.type)).toEqual(['autonomy-granted', 'autonomy-revoked']);
    expect(await feed(autonomy, [true, true, true], 5)).toEqual([null, null, null]);
    expect(autonomy.mayActWithoutApproval('acme', '3002:sign-in from a new country', 'resetPassword')).toBe(false);
  });

  it('judges only the last `window` decisions', async () => {
    const autonomy = new EarnedAutonomy({ audit: recordingAuditSink(), rule });
    await feed(autonomy, [false, false, false, true, true, true]);
    expect(autonomy.status('acme', '3002:sign-in from a new country', 'resetPassword')).toMatchObject({
      granted: false,
      recent: [false, false, true, true, true],
    });
    // The next agreement pushes the oldest disagreement out of the window: 4 of 5 agree.
    const [granted] = await feed(autonomy, [true], 6);
    expect(granted).toMatchObject({ type: 'autonomy-granted', status: { recent: [false, true, true, true, true] } });
  });

  it('does not change autonomy when the audit log refuses the change', async () => {
    const failing = { appendMany: async () => Promise.reject(new Error('audit store down')) };
    const autonomy = new EarnedAutonomy({ audit: failing, rule });
    await feed(autonomy, [true, true, true]);
    await expect(autonomy.record(outcome(true, 3))).rejects.toThrow('audit store down');
    expect(autonomy.mayActWithoutApproval('acme', '3002:sign-in from a new country', 'resetPassword')).toBe(false);
  });

  it('survives a snapshot and restore, and rejects bad rules, snapshots and outcomes', async () => {
    const audit = recordingAuditSink();
    const autonomy = new EarnedAutonomy({ audit, rule });
    await feed(autonomy, [true, true, true, true]);
    const restored = EarnedAutonomy.restore(JSON.parse(JSON.stringify(autonomy.snapshot())), { audit, rule });
    expect(restored.list('acme')).toEqual(autonomy.list('acme'));
    expect(() => new EarnedAutonomy({ audit, rule: { window: 3, minimumDecisions: 5 } })).toThrow(ValidationError);
    expect(() => EarnedAutonomy.restore({ version: 2, entries: [] }, { audit })).toThrow(ValidationError);
    await expect(autonomy.record({ ...outcome(true, 9), action: '' })).rejects.toThrow(AutonomyKeyError);
  });
});
