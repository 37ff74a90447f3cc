import { AuditLog, ContextGraph, MemoryGraphStore, type TimelineEntry, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { FeedbackTargetError } from '../errors.js';
import { readCaseContext } from '../runtime/case-context.js';
import { ScriptedModel } from '../testing/scripted-model.js';
import { alerts, executed, socHarness } from './__fixtures__/soc-fixtures.js';

const tenantId = 'acme';
const host = 'host:ws-jdoe-01.corp.acme.example' as const;

describe('createSoc with a context graph', () => {
  it('takes governance from the graph: a host the graph marks critical is not contained without approval', async () => {
    const graph = new MemoryGraphStore();
    await new ContextGraph({ store: graph, tenantId }).setGovernance(host, { criticality: 'critical' }, { at: 1 });
    const { soc, calls } = socHarness({ graph });
    const result = await soc.handle([alerts.malware], { tenantId });

    expect(executed(calls)).not.toContain('containHost');
    expect(result.pendingApprovals.map((pending) => pending.tool)).toEqual(['containHost']);
    expect(result.pendingApprovals[0]!.reason).toMatch(/critical-asset-containment/);
    // The policy evaluation is on the timeline, naming the policy and its version.
    const reasoning = result.timeline.flatMap((entry) => (entry.type === 'reasoning' ? [entry.data.summary] : []));
    expect(
      reasoning.some((text) => /^Policies on containHost: require-approval — critical-asset-containment@\d/.test(text)),
    ).toBe(true);
    expect(reasoning.some((text) => text.includes(`${host} is a critical asset (context graph)`))).toBe(true);
  });

  it('without the graph the same host is contained on the agent’s own authority', async () => {
    const { soc, calls } = socHarness();
    const result = await soc.handle([alerts.malware], { tenantId });
    expect(executed(calls)).toContain('containHost');
    // An evaluation that lets a call through is on the timeline too, not only the ones that stop it.
    const reasoning = result.timeline.flatMap((entry) => (entry.type === 'reasoning' ? [entry.data.summary] : []));
    expect(reasoning).toContain('Policies on containHost: allow (no policy objected)');
  });

  it('records alerts, tool results, verdicts and actions, with provenance', async () => {
    const graph = new MemoryGraphStore();
    const { soc } = socHarness({ graph });
    const result = await soc.handle([alerts.malware], { tenantId });
    const view = new ContextGraph({ store: graph, tenantId });

    const profile = await view.profile(host);
    expect(profile?.caseIds).toEqual([result.case.id]);
    const decisions = await view.decisionsOn([result.case.id]);
    const verdicts = decisions.filter((decision) => decision.trace.type === 'verdict');
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts[0]!.trace).toMatchObject({ decidedBy: { type: 'agent' }, verdict: 'true_positive' });
    expect(verdicts[0]!.trace.evidence).toContain(host);
    const contain = decisions.find((decision) => decision.trace.action?.tool === 'containHost');
    expect(contain?.trace.action).toMatchObject({ outcome: 'executed', risk: 'contain' });
    // A reputation lookup's answer is on the domain's node, with the call that produced it.
    const domain = await graph.getNode(tenantId, 'domain:invoice-update.example');
    expect(domain?.attributes.reputation).toBe('malicious');
    expect(domain?.provenance).toMatchObject({ source: 'tool-call', tool: 'lookupDomain', caseId: result.case.id });
    expect(domain?.provenance.auditLeafIndex).toBeGreaterThanOrEqual(0);
  });

  it('records an analyst override: a feedback node reviewing the verdict, an audit leaf, the timeline and the verdict', async () => {
    const graph = new MemoryGraphStore();
    const { soc, stores } = socHarness({ graph });
    const result = await soc.handle([alerts.malware], { tenantId });
    const recorded = await soc.feedback({
      tenantId,
      caseId: result.case.id,
      analyst: 'alice',
      kind: 'verdict-overridden',
      verdict: 'false_positive',
      rationale: 'The script is our patching agent',
    });

    const after = await soc.caseResult(result.case.id, { tenantId });
    expect(after.verdict).toMatchObject({ value: 'false_positive', decidedBy: { type: 'analyst', id: 'alice' } });
    expect(after.timeline.some((entry) => entry.type === 'feedback' && entry.data.kind === 'verdict-overridden')).toBe(
      true,
    );
    const node = await graph.getNode(tenantId, `decision:${recorded.feedbackId}`);
    expect(node?.decision?.feedback).toMatchObject({
      kind: 'verdict-overridden',
      agreed: false,
      reviews: recorded.reviews,
    });
    const audit = await AuditLog.open(stores.audit);
    expect((await audit.verify()).ok).toBe(true);
    const [leaf] = await stores.audit.readLeaves(recorded.auditLeafIndex, recorded.auditLeafIndex + 1);
    expect(JSON.stringify(leaf)).toContain('feedback-recorded');
  });

  it('refuses feedback it cannot record, before anything is written', async () => {
    const withoutGraph = socHarness();
    const result = await withoutGraph.soc.handle([alerts.malware], { tenantId });
    const input = {
      tenantId,
      caseId: result.case.id,
      analyst: 'alice',
      kind: 'verdict-confirmed',
      rationale: 'Right',
    } as const;
    await expect(withoutGraph.soc.feedback(input)).rejects.toSatisfy(FeedbackTargetError.isInstance);

    const graph = new MemoryGraphStore();
    const { soc, stores } = socHarness({ graph });
    const worked = await soc.handle([alerts.malware], { tenantId });
    const size = await stores.audit.size();
    await expect(soc.feedback({ ...input, caseId: worked.case.id, rationale: '   ' })).rejects.toSatisfy(
      ValidationError.isInstance,
    );
    await expect(
      soc.feedback({ ...input, caseId: worked.case.id, kind: 'action-denied', tool: 'deleteEverything' }),
    ).rejects.toSatisfy(FeedbackTargetError.isInstance);
    expect(await stores.audit.size()).toBe(size);
  });
});

describe('graph governance against a model that tries to get around it', () => {
  const verdict = { name: 'setCaseVerdict', arguments: { verdict: 'true_positive', confidence: 0.95, rationale: 'x' } };
  const spellings = ['WS-JDOE-01.CORP.ACME.EXAMPLE', ' ws-jdoe-01.corp.acme.example ', 'ws-jdoe-01.corp.acme.example.'];
  const model = () => {
    const turns = new Map<string, number>();
    return new ScriptedModel(
      (request) => {
        const role = readCaseContext(request.messages)?.agent.role ?? 'none';
        const turn = (turns.get(role) ?? 0) + 1;
        turns.set(role, turn);
        if (turn > 1) return { text: 'Done.' };
        if (role === 'triage') {
          // The tenant is the runtime's: a model naming another one is refused by the tool's schema.
          return {
            toolCalls: [{ name: 'getEntityProfile', arguments: { entity: host, tenantId: 'globex' } }, verdict],
          };
        }
        if (role === 'investigation') return { toolCalls: [verdict] };
        if (role === 'response') {
          return {
            toolCalls: spellings.map((hostname) => ({
              name: 'containHost',
              arguments: { hostname, reason: 'malware' },
            })),
          };
        }
        return { text: 'Done.' };
      },
      { checkToolCalls: false },
    );
  };

  it('holds every spelling of the critical host for approval and lets no model choose the tenant', async () => {
    const graph = new MemoryGraphStore();
    await new ContextGraph({ store: graph, tenantId }).setGovernance(host, { criticality: 'critical' }, { at: 1 });
    const { soc, calls } = socHarness({ graph, model: model() });
    const result = await soc.handle([alerts.malware], { tenantId });

    expect(executed(calls)).not.toContain('containHost');
    expect(result.status).toBe('paused');
    expect(result.pendingApprovals[0]).toMatchObject({ tool: 'containHost', approverRole: 'soc-lead' });
    const profileCall = result.timeline.find(
      (entry): entry is Extract<TimelineEntry, { type: 'tool-call' }> =>
        entry.type === 'tool-call' && entry.data.tool === 'getEntityProfile',
    );
    expect(profileCall?.data.status).toBe('denied');
    expect(profileCall?.data.error).toMatch(/Invalid input for getEntityProfile/);
  });
});
