import { describe, expect, it } from 'vitest';
import { learningGraph, recordingAuditSink, signInAlert, signInType } from './__fixtures__/learning-graph.js';
import { recordFeedback } from './feedback.js';
import { citePrecedent, findPrecedents, precedentsTimelineEntry, similarityKey } from './precedents.js';

async function history() {
  const { graph, store } = learningGraph();
  const audit = recordingAuditSink();
  const addCase = async (caseId: string, alert: Parameters<typeof signInAlert>[0]) =>
    graph.recordAlert(signInAlert(alert), { alertId: `alert-${caseId}`, caseId, observedAt: alert.time });
  await addCase('case-10', { time: 1_000, uid: 'e10', user: 'jane@acme.example', ip: '203.0.113.7' });
  await addCase('case-11', {
    time: 2_000,
    uid: 'e11',
    user: 'bob@acme.example',
    ip: '198.51.100.9',
    domain: 'login.evil.example',
  });
  await addCase('case-12', { time: 3_000, uid: 'e12', user: 'jane@acme.example', ip: '192.0.2.1' });
  const agentVerdict = async (caseId: string, at: number) =>
    graph.recordDecision({
      id: `agent-${caseId}`,
      at,
      trace: {
        type: 'verdict',
        caseId,
        decidedBy: { type: 'agent', id: 'triage' },
        rationale: 'New country',
        verdict: 'true_positive',
        alertType: signInType,
      },
    });
  await agentVerdict('case-10', 1_100);
  await agentVerdict('case-11', 2_100);
  await agentVerdict('case-12', 3_100);
  await recordFeedback(
    {
      id: 'fb-10',
      caseId: 'case-10',
      analyst: 'alice',
      kind: 'verdict-overridden',
      reviews: 'agent-case-10',
      verdict: 'benign',
      rationale: 'Jane travels for work',
      alertType: signInType,
    },
    { graph, audit, at: 1_500, timelineEntryId: 't1' },
  );
  await recordFeedback(
    {
      id: 'fb-11',
      caseId: 'case-11',
      analyst: 'bob',
      kind: 'verdict-confirmed',
      reviews: 'agent-case-11',
      verdict: 'true_positive',
      rationale: 'Phishing kit domain',
      alertType: signInType,
    },
    { graph, audit, at: 2_500, timelineEntryId: 't2' },
  );
  await addCase('case-20', { time: 5_000, uid: 'e20', user: 'jane@acme.example', ip: '203.0.113.8' });
  return { graph, store };
}

describe('findPrecedents', () => {
  it('ranks analyst-decided cases by shared entities, similar entities and alert type, and cites the outcome', async () => {
    const { graph } = await history();
    const precedents = await findPrecedents(graph, {
      caseId: 'case-20',
      alertType: signInType,
      entities: ['user:jane@acme.example', 'ip:203.0.113.8'],
    });
    expect(precedents.map((precedent) => [precedent.caseId, precedent.score])).toEqual([
      ['case-10', 3 + 1 + 2],
      ['case-11', 2],
    ]);
    expect(precedents[0]).toMatchObject({
      sameAlertType: true,
      sharedEntities: ['user:jane@acme.example'],
      similarEntities: ['ip:203.0.113.7'],
      outcome: { analyst: 'alice', kind: 'verdict-overridden', verdict: 'benign' },
      citation:
        'Decided like case case-10, where the analyst alice overrode the agent and marked it benign: “Jane travels for work”',
    });
  });

  it('leaves out cases no analyst decided, and the case itself', async () => {
    const { graph } = await history();
    const precedents = await findPrecedents(graph, { caseId: 'case-10', entities: ['user:jane@acme.example'] });
    expect(precedents).toEqual([]);
  });

  it('sees only what was known at the time of a replay', async () => {
    const { graph } = await history();
    const precedents = await findPrecedents(graph, {
      caseId: 'case-20',
      alertType: signInType,
      entities: ['user:jane@acme.example'],
      asOf: 2_000,
    });
    expect(precedents.map((precedent) => precedent.caseId)).toEqual(['case-10']);
  });

  it('counts shared enrichment results', async () => {
    const { graph } = await history();
    await graph.recordToolResult(
      {
        entities: [
          { kind: 'domain', value: 'login.evil.example', attributes: { reputation: 'malicious' } },
          { kind: 'domain', value: 'other.bad.example', attributes: { reputation: 'malicious' } },
        ],
      },
      { tool: 'lookupDomain', toolCallId: 'call-1', at: 2_200 },
    );
    const precedents = await findPrecedents(graph, {
      caseId: 'case-20',
      alertType: signInType,
      entities: ['domain:other.bad.example'],
    });
    expect(precedents.map((precedent) => [precedent.caseId, precedent.sharedEnrichment, precedent.score])).toEqual([
      ['case-11', ['malicious'], 2 + 1],
      ['case-10', [], 2],
    ]);
  });
});

describe('precedent helpers', () => {
  it('groups near entities by site, network and mail domain', () => {
    expect(similarityKey('url:https://a.login.evil.example/x')).toBe('domain:evil.example');
    expect(similarityKey('email:jane@mail.acme.example')).toBe('domain:acme.example');
    expect(similarityKey('ip:203.0.113.7')).toBe(similarityKey('ip:203.0.113.200'));
    expect(similarityKey('ip:2001:db8:1:2::1')).toBe('ip6:2001:db8:1:2');
    expect(similarityKey('host:ws-1')).toBeNull();
  });

  it('writes a citation and a timeline entry', () => {
    const citation = citePrecedent('1042', {
      analyst: 'sam',
      at: 1,
      kind: 'action-denied',
      tool: 'containHost',
      rationale: 'Build server',
    });
    expect(citation).toBe('Decided like case 1042, where the analyst sam denied containHost: “Build server”');
    expect(precedentsTimelineEntry({ id: 'e', caseId: 'c', at: 1 }, []).data).toEqual({
      summary: 'No analyst-decided precedent resembles this case.',
    });
  });
});
