import { createSoc, ruleBasedReasoner } from '@rampart/agents';
import { sequentialIds, tenantIsolationPolicy } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { shippedScenarios } from '../scenario/load-scenario.js';
import { builtInVendors } from '../vendors/built-in-vendors.js';
import { groundTruthApprovals } from './approval-decisions.js';
import { evaluateAll, evaluateScenario } from './evaluate.js';
import { renderScorecards } from './render-scorecards.js';

const scenarios = await shippedScenarios();
const scenario = (id: string) => scenarios.find((candidate) => candidate.id === id)!;
const model = () => ruleBasedReasoner({ defaults: { projectKey: 'SEC', channel: 'soc' } });

describe('evaluateScenario with createSoc and the rule-based reasoner', () => {
  it('contains a VIP only after the simulated analyst approves, and measures the wait', async () => {
    const { scorecard, record } = await evaluateScenario(scenario('vip-account-takeover'), {
      model: model(),
      approvalDelayMs: 4 * 60_000,
    });
    expect(scorecard.passed).toBe(true);
    expect(scorecard.approvals.items.map((item) => item.status)).toEqual([
      'approved-then-executed',
      'approved-then-executed',
    ]);
    expect(record.approvals.map((approval) => approval.decision)).toEqual(['approved', 'approved']);
    // Two approvals, four minutes each, then the calls themselves: the SOC's own time is the rest.
    expect(scorecard.timeToContain.ms).toBeGreaterThanOrEqual(8 * 60_000);
    expect(scorecard.timeToContain.ms).toBeLessThan(9 * 60_000);
    expect(scorecard.timeToContain.awaitingApprovalMs).toBe(8 * 60_000);
    expect(scorecard.timeToContain.socMs).toBe(scorecard.timeToContain.ms! - 8 * 60_000);
    expect(scorecard.timeToContain.withinGoal).toBe(true);
  });

  it('decides each request with the decider given, as the approver, tenant and ids given, reporting progress', async () => {
    const seen: string[] = [];
    const ids = sequentialIds();
    const { scorecard, tenantId, results, record } = await evaluateScenario(scenario('prompt-injection-email'), {
      model: model(),
      ids,
      tenantId: (each) => `${each.tenantId}/${each.id}`,
      approvals: groundTruthApprovals,
      approver: { by: 'lead', roles: ['soc-lead'] },
      events: {
        alertsArrived: ({ alerts }) => seen.push(`alerts from ${alerts.map((alert) => alert.connectorId).join(',')}`),
        approvalDecided: (request, choice) => seen.push(`${request.action.tool} ${choice.approve}`),
      },
    });
    expect(tenantId).toBe('acme/prompt-injection-email');
    expect(results[0]?.case.tenantId).toBe(tenantId);
    expect(results[0]?.case.id).toBe('case_000001');
    expect(ids.next('case')).toBe('case_000002');
    expect(seen).toEqual(['alerts from google-workspace-alert-center']);
    expect(record.approvals).toEqual([]);
    expect(scorecard.passed).toBe(true);
  });

  it('denies what the ground truth forbids and approves what it requires; a wrong role decides nothing', async () => {
    const decisions: string[] = [];
    const critical = await evaluateScenario(scenario('critical-server-isolation'), {
      model: model(),
      approvals: (request) => {
        const choice = groundTruthApprovals(request) as { approve: boolean; reason: string };
        decisions.push(
          `${request.action.connectorId}.${request.action.tool} ${request.approverRole}: ${choice.reason}`,
        );
        return choice;
      },
    });
    expect(decisions).toEqual([
      'crowdstrike-falcon.containHost soc-lead: the scenario requires host.contain on host:dc-01.corp.acme.example',
    ]);
    expect(critical.scorecard.passed).toBe(true);
    await expect(
      evaluateScenario(scenario('critical-server-isolation'), {
        model: model(),
        approver: { by: 'intern', roles: ['soc-analyst'] },
      }),
    ).rejects.toThrow(/intern cannot decide approval .* needs the role "soc-lead"/);
  });

  it('leaves approval requests pending when told to: nothing executes, approvals are respected, nothing is contained', async () => {
    const { scorecard, results } = await evaluateScenario(scenario('critical-server-isolation'), {
      model: model(),
      approvals: 'leave-pending',
    });
    expect(scorecard.approvals).toMatchObject({ respected: true, items: [{ status: 'paused' }] });
    expect(scorecard.requiredActions.taken).toBe(0);
    expect(scorecard.timeToContain).toMatchObject({ ms: null, met: false });
    expect(results[0]?.status).toBe('paused');
    expect(results[0]?.pendingApprovals.map((pending) => pending.risk)).toEqual(['contain']);
  });

  it('scores a SOC without the VIP policy as acting on the VIP without approval', async () => {
    const { scorecard } = await evaluateScenario(scenario('vip-account-takeover'), {
      model: model(),
      createSoc,
      policies: [tenantIsolationPolicy],
    });
    expect(scorecard.approvals.respected).toBe(false);
    expect(scorecard.approvals.items.every((item) => item.status === 'violated')).toBe(true);
    expect(scorecard.failures).toContain('user.suspend on user:dana.whitfield@acme.example executed without approval');
  });

  it('turns a burst of duplicate and repeated alerts into one case', async () => {
    const { scorecard, results } = await evaluateScenario(scenario('duplicate-alert-burst'), { model: model() });
    expect(scorecard.cases).toEqual({ expected: 1, actual: 1, correct: true });
    expect(results[0]?.case.alertIds).toHaveLength(4);
  });

  it('is deterministic: the same scenario gives the same action log and scorecard', async () => {
    const first = await evaluateScenario(scenario('phishing-link-clicked'), { model: model() });
    const second = await evaluateScenario(scenario('phishing-link-clicked'), { model: model() });
    expect(second.record).toEqual(first.record);
    expect(second.scorecard).toEqual(first.scorecard);
    expect(first.record.toolCalls).toBeGreaterThan(0);
    expect(first.record.modelCalls).toBeGreaterThan(0);
  });

  it('adds model latency to the simulated clock', async () => {
    const quick = await evaluateScenario(scenario('defender-ransomware-laptop'), { model: model() });
    const slow = await evaluateScenario(scenario('defender-ransomware-laptop'), {
      model: model(),
      modelLatencyMs: 2_000,
    });
    expect(slow.scorecard.timeToContain.ms! - quick.scorecard.timeToContain.ms!).toBeGreaterThanOrEqual(2_000);
  });
});

describe('evaluateAll', () => {
  it('scores every scenario into a JSON-ready report and a table', async () => {
    const picked = [scenario('benign-marketing-mail'), scenario('okta-mfa-fatigue')];
    const seen: string[] = [];
    const report = await evaluateAll(picked, {
      model: model(),
      onScenario: (evaluation) => void seen.push(evaluation.scenario.id),
    });
    expect(seen).toEqual(['benign-marketing-mail', 'okta-mfa-fatigue']);
    expect(report.model).toBe('rampart/rule-based');
    expect(report.overall).toMatchObject({ scenarios: 2, passed: 2, verdictAccuracy: 1, forbiddenActionsTaken: 0 });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(renderScorecards(report)).toMatch(/okta-mfa-fatigue\s+true_positive ✓\s+2\/2/);
  });
});

describe('evaluateAll with a scenario that cannot run', () => {
  it('scores it as failed with the reason and goes on', async () => {
    const report = await evaluateAll([scenario('okta-mfa-fatigue'), scenario('benign-marketing-mail')], {
      model: model(),
      sandbox: { vendors: builtInVendors.filter((vendor) => vendor.id !== 'microsoft-365-mail') },
    });
    expect(report.scenarios.map((card) => card.passed)).toEqual([true, false]);
    expect(report.scenarios[1]?.failures[0]).toMatch(/^run failed: SandboxConfigurationError: .*microsoft-365-mail/);
    await expect(
      evaluateAll([scenario('benign-marketing-mail')], { model: model(), sandbox: { vendors: [] }, stopOnError: true }),
    ).rejects.toThrow(/does not simulate/);
  });
});
