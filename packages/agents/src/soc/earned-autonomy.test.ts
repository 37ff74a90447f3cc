import { type Agent, MemoryGraphStore, type ToolSet } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { alerts, executed, socHarness } from './__fixtures__/soc-fixtures.js';
import { responseAgent } from './built-in-agents.js';
import type { Soc, SocResult } from './soc-types.js';

const tenantId = 'acme';
const hours = (count: number) => count * 60 * 60 * 1000;

/** A response agent that asks before every containment: the approval step autonomy can earn away. */
const cautiousResponse = (tools: ToolSet): Agent => {
  const agent = responseAgent(tools);
  return { ...agent, boundary: { ...agent.boundary, autonomousUpTo: 'read', approvalUpTo: 'contain' } };
};

const malwareAlert = (index: number) => ({
  ...alerts.malware,
  time: alerts.malware.time + hours(6 * index),
  finding_info: { ...alerts.malware.finding_info, uid: `edr-${index}` },
  metadata: { ...alerts.malware.metadata, uid: `edr-${index}` },
});

async function approveAll(soc: Soc, result: SocResult): Promise<SocResult> {
  let current = result;
  while (current.pendingApprovals.length > 0) {
    current = await soc.approve(current.pendingApprovals[0]!.approvalId, {
      by: 'dana',
      roles: ['soc-lead'],
      rationale: 'Right call',
    });
  }
  return current;
}

describe('earned autonomy', () => {
  it('grants an action after enough approvals, runs it without asking, and a disagreement revokes it', async () => {
    const { soc, calls } = socHarness({
      graph: new MemoryGraphStore(),
      agents: { response: cautiousResponse },
      autonomy: { window: 2, minimumDecisions: 2, grantRate: 1 },
      correlationWindowMs: 1,
    });
    for (const index of [1, 2]) {
      const paused = await soc.handle([malwareAlert(index)], { tenantId });
      expect(paused.pendingApprovals.map((pending) => pending.tool)).toContain('containHost');
      await approveAll(soc, paused);
    }
    const granted = (await soc.autonomy({ tenantId })).find((status) => status.action === 'containHost');
    expect(granted).toMatchObject({ granted: true, agreementRate: 1 });

    const before = executed(calls).filter((tool) => tool === 'containHost').length;
    const third = await soc.handle([malwareAlert(3)], { tenantId });
    expect(third.pendingApprovals.map((pending) => pending.tool)).not.toContain('containHost');
    expect(executed(calls).filter((tool) => tool === 'containHost').length).toBe(before + 1);
    const reasons = third.timeline.flatMap((entry) => (entry.type === 'reasoning' ? [entry.data.summary] : []));
    expect(reasons.some((text) => text.startsWith('containHost runs without approval'))).toBe(true);

    const feedback = await soc.feedback({
      tenantId,
      caseId: third.case.id,
      analyst: 'dana',
      kind: 'action-denied',
      tool: 'containHost',
      rationale: 'That host is the build server; isolate it only with the owner',
    });
    expect(feedback.autonomyChange).toMatchObject({ type: 'autonomy-revoked' });
    expect((await soc.autonomy({ tenantId })).find((status) => status.action === 'containHost')?.granted).toBe(false);
    const fourth = await soc.handle([malwareAlert(4)], { tenantId });
    expect(fourth.pendingApprovals.map((pending) => pending.tool)).toContain('containHost');
  });
});
