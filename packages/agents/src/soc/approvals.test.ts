import { AuditLog, createCaseEngine, type TimelineEntry } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { ApprovalNotFoundError, ApproverRoleError } from '../errors.js';
import { alerts, executed, prefixedIds, socHarness } from './__fixtures__/soc-fixtures.js';

const tenantId = 'acme';
const criticalServer = { criticalAssets: ['host:srv-db-01.corp.acme.example'] };

const toolEntries = (timeline: readonly TimelineEntry[], tool: string) =>
  timeline.filter((entry) => entry.type === 'tool-call' && entry.data.tool === tool);

describe('approvals', () => {
  it('pauses before containing a critical asset, and contains it once when a human approves', async () => {
    const { soc, calls, stores } = socHarness({ governance: criticalServer });
    const paused = await soc.handle(alerts.serverMalware, { tenantId });

    expect(paused.status).toBe('paused');
    expect(executed(calls)).not.toContain('containHost');
    expect(paused.case.status).toBe('responding');
    const [approval] = paused.pendingApprovals;
    expect(approval).toMatchObject({
      tool: 'containHost',
      risk: 'contain',
      agent: 'response',
      approverRole: 'soc-lead',
      input: { hostname: 'srv-db-01.corp.acme.example' },
    });
    expect(approval!.reason).toContain('critical-asset-containment@1');
    expect(paused.actions).toMatchObject([{ tool: 'containHost', status: 'pending-approval' }]);
    const requested = paused.timeline.find((entry) => entry.type === 'approval-requested');
    expect(requested?.data).toMatchObject({ approvalId: approval!.approvalId, tool: 'containHost', risk: 'contain' });
    expect(await soc.pendingApprovals({ tenantId })).toEqual(paused.pendingApprovals);

    const done = await soc.approve(approval!.approvalId, {
      by: 'dana',
      roles: ['soc-lead'],
      rationale: 'Ransomware confirmed on the console',
    });
    expect(done.status).toBe('completed');
    expect(done.case.status).toBe('resolved');
    expect(done.case.milestones.containedAt).toBeDefined();
    expect(executed(calls).filter((tool) => tool === 'containHost')).toHaveLength(1);
    expect(done.actions).toMatchObject([
      { tool: 'containHost', status: 'executed', idempotencyKey: approval!.idempotencyKey },
      { tool: 'createTicket', status: 'executed' },
      { tool: 'postChat', status: 'executed' },
    ]);
    const decided = done.timeline.find((entry) => entry.type === 'approval-decided');
    expect(decided).toMatchObject({
      actor: { type: 'analyst', id: 'dana' },
      data: {
        approvalId: approval!.approvalId,
        decision: 'approved',
        rationale: 'Ransomware confirmed on the console',
      },
    });
    expect(done.pendingApprovals).toEqual([]);
    expect(await soc.pendingApprovals({ tenantId })).toEqual([]);
    expect((await (await AuditLog.open(stores.audit)).verify()).ok).toBe(true);
  });

  it('never runs a denied action, tells the agent, and escalates the case', async () => {
    const { soc, calls } = socHarness({ governance: criticalServer });
    const paused = await soc.handle(alerts.serverMalware, { tenantId });
    const approvalId = paused.pendingApprovals[0]!.approvalId;

    const result = await soc.deny(approvalId, {
      by: 'dana',
      roles: ['soc-lead'],
      rationale: 'Production database: isolate by hand',
    });
    expect(executed(calls)).not.toContain('containHost');
    expect(result.status).toBe('escalated');
    expect(result.escalation).toEqual({ reason: 'a tool call was denied', to: 'queue:incident-response' });
    expect(result.case.assignee).toBe('incident-response');
    expect(result.actions).toMatchObject([{ tool: 'containHost', status: 'denied' }]);
    const denied = toolEntries(result.timeline, 'containHost').at(-1);
    expect(denied?.data).toMatchObject({ status: 'denied', error: expect.stringContaining('approval-denied') });
    expect(result.timeline.find((entry) => entry.type === 'approval-decided')?.data).toMatchObject({
      decision: 'denied',
    });
  });

  it('does nothing more on a case an analyst closed while it waited for approval', async () => {
    const { soc, calls, stores, clock } = socHarness({ governance: criticalServer });
    const paused = await soc.handle(alerts.serverMalware, { tenantId });
    const analystEngine = createCaseEngine({
      store: stores.cases,
      clock,
      ids: prefixedIds('x'),
      correlationWindowMs: 1,
    });
    await analystEngine.transition(paused.case.id, 'closed', {
      tenantId,
      actor: { type: 'analyst', id: 'dana' },
      reason: 'Handled by hand',
    });
    const result = await soc.approve(paused.pendingApprovals[0]!.approvalId, { by: 'dana', roles: ['soc-lead'] });
    expect(result.status).toBe('completed');
    expect(result.case.status).toBe('closed');
    expect(executed(calls)).not.toContain('containHost');
  });

  it('refuses a decision by someone without the role the action requires, audits it, and keeps waiting', async () => {
    const { soc, calls, stores } = socHarness({ governance: criticalServer });
    const paused = await soc.handle(alerts.serverMalware, { tenantId });
    const { approvalId } = paused.pendingApprovals[0]!;

    for (const roles of [undefined, [], ['soc-analyst']]) {
      const refused = soc.approve(approvalId, { by: 'sam', ...(roles !== undefined && { roles }) });
      await expect(refused).rejects.toThrow(ApproverRoleError);
      await expect(refused).rejects.toMatchObject({ approvalId, by: 'sam', requiredRole: 'soc-lead' });
    }
    // A denial needs the role as much as an approval: either way it decides what happens to the host.
    await expect(soc.deny(approvalId, { by: 'sam', roles: ['soc-analyst'] })).rejects.toThrow(
      /needs the role "soc-lead"/,
    );
    expect(executed(calls)).not.toContain('containHost');
    expect(await soc.pendingApprovals({ tenantId })).toMatchObject([{ approvalId }]);

    const done = await soc.approve(approvalId, { by: 'dana', roles: ['soc-analyst', 'soc-lead'] });
    expect(done.status).toBe('completed');
    expect(executed(calls).filter((tool) => tool === 'containHost')).toHaveLength(1);
    const leaves = await stores.audit.readLeaves(0, await stores.audit.size());
    const checks = leaves
      .map((leaf) => JSON.parse(leaf.canonical) as { type: string; actor: { id: string } })
      .filter((event) => event.type === 'approval-refused' || event.type === 'approver-verified')
      .map((event) => `${event.type} by ${event.actor.id}`);
    expect(checks).toEqual([
      'approval-refused by sam',
      'approval-refused by sam',
      'approval-refused by sam',
      'approval-refused by sam',
      'approver-verified by dana',
    ]);
  });

  it('refuses an unknown approval, and a second decision on one approval', async () => {
    const { soc } = socHarness({ governance: criticalServer });
    await expect(soc.approve('approval_nope', { by: 'dana', roles: ['soc-lead'] })).rejects.toThrow(
      ApprovalNotFoundError,
    );
    const paused = await soc.handle(alerts.serverMalware, { tenantId });
    const approvalId = paused.pendingApprovals[0]!.approvalId;
    await soc.approve(approvalId, { by: 'dana', roles: ['soc-lead'] });
    await expect(soc.deny(approvalId, { by: 'sam', roles: ['soc-lead'] })).rejects.toThrow(ApprovalNotFoundError);
    await expect(soc.approve(approvalId, { by: '' })).rejects.toThrow(/who decided/);
  });

  it('lets exactly one of two concurrent decisions through, and acts once', async () => {
    const { soc, calls } = socHarness({ governance: criticalServer });
    const paused = await soc.handle(alerts.serverMalware, { tenantId });
    const approvalId = paused.pendingApprovals[0]!.approvalId;
    const outcomes = await Promise.allSettled([
      soc.approve(approvalId, { by: 'dana', roles: ['soc-lead'] }),
      soc.approve(approvalId, { by: 'sam', roles: ['soc-lead'] }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(ApprovalNotFoundError.isInstance(rejected.reason)).toBe(true);
    expect(executed(calls).filter((tool) => tool === 'containHost')).toHaveLength(1);
  });

  it('asks for each action on a VIP account in turn, and finishes once both are approved', async () => {
    const { soc, calls } = socHarness({ governance: { vips: ['user:jane.doe@acme.example'] } });
    const first = await soc.handle(alerts.mfaFatigue, { tenantId });
    expect(first.pendingApprovals).toMatchObject([{ tool: 'suspendUser', approverRole: 'soc-lead' }]);
    expect(first.pendingApprovals[0]!.reason).toContain('vip-account-actions@1');
    const second = await soc.approve(first.pendingApprovals[0]!.approvalId, { by: 'dana', roles: ['soc-lead'] });
    expect(second.status).toBe('paused');
    expect(second.pendingApprovals).toMatchObject([{ tool: 'revokeSessions' }]);
    const done = await soc.approve(second.pendingApprovals[0]!.approvalId, { by: 'dana', roles: ['soc-lead'] });
    expect(done.status).toBe('completed');
    expect(executed(calls).filter((tool) => tool === 'suspendUser' || tool === 'revokeSessions')).toEqual([
      'suspendUser',
      'revokeSessions',
    ]);
  });

  it('refuses to send an internal file hash to a public lookup, and goes on without it', async () => {
    const internal = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
    const { soc, calls } = socHarness({ governance: { internalOnly: [`hash:${internal}`] } });
    const alert = {
      ...alerts.malware,
      observables: [...alerts.malware.observables, { name: 'process.file.hashes', type_id: 8, value: internal }],
    };
    const result = await soc.handle(alert, { tenantId });
    expect(executed(calls)).not.toContain('lookupHash');
    const denied = toolEntries(result.timeline, 'lookupHash');
    expect(denied).toHaveLength(1);
    expect(denied[0]!.data).toMatchObject({
      status: 'denied',
      error: expect.stringContaining('internal-data-stays-internal@1'),
    });
    expect(result.status).toBe('completed');
    expect(executed(calls)).toContain('containHost');
  });
});
