import { describe, expect, it } from 'vitest';
import { TimelineEntry } from '../cases/timeline.js';
import { ValidationError } from '../errors.js';
import { learningGraph, recordingAuditSink } from './__fixtures__/learning-graph.js';
import { recordFeedback } from './feedback.js';

async function withAgentVerdict() {
  const { graph, store } = learningGraph();
  await graph.recordDecision({
    id: 'agent-1',
    at: 1_000,
    trace: {
      type: 'verdict',
      caseId: 'case-1',
      decidedBy: { type: 'agent', id: 'triage' },
      rationale: 'Impossible travel',
      verdict: 'true_positive',
      confidence: 0.7,
    },
  });
  return { graph, store, audit: recordingAuditSink() };
}

describe('recordFeedback', () => {
  it('audits the override, then writes a decision-trace node that reviews the agent decision and names its leaf', async () => {
    const { graph, store, audit } = await withAgentVerdict();
    const recorded = await recordFeedback(
      {
        id: 'fb-1',
        caseId: 'case-1',
        analyst: 'alice',
        kind: 'verdict-overridden',
        reviews: 'agent-1',
        verdict: 'benign',
        rationale: 'Jane is travelling to Lisbon this week',
        evidence: ['user:jane@acme.example'],
      },
      { graph, audit, at: 2_000, timelineEntryId: 'entry-9' },
    );
    expect(audit.events).toEqual([
      expect.objectContaining({
        type: 'feedback-recorded',
        caseId: 'case-1',
        actor: { type: 'analyst', id: 'alice' },
        data: expect.objectContaining({
          kind: 'verdict-overridden',
          agreed: false,
          verdict: 'benign',
          reviews: 'agent-1',
        }),
      }),
    ]);
    expect(recorded.node.decision).toMatchObject({ type: 'feedback', verdict: 'benign', feedback: { agreed: false } });
    expect(recorded.node.provenance).toMatchObject({ source: 'analyst', auditLeafIndex: 0 });
    const reviews = await store.edgesOf('acme', ['decision:agent-1'], { relations: ['reviews'] });
    expect(reviews.map((edge) => edge.from)).toEqual(['decision:fb-1']);
    expect(TimelineEntry.parse(recorded.timelineEntry)).toMatchObject({
      type: 'feedback',
      auditLeafIndex: 0,
      data: { kind: 'verdict-overridden', verdict: 'benign' },
    });
  });

  it('records an action denial as a comment on the timeline naming the tool', async () => {
    const { graph, audit } = await withAgentVerdict();
    const recorded = await recordFeedback(
      {
        id: 'fb-2',
        caseId: 'case-1',
        analyst: 'bob',
        kind: 'action-denied',
        reviews: 'agent-1',
        tool: 'containHost',
        rationale: 'Build server',
      },
      { graph, audit, at: 3_000, timelineEntryId: 'entry-10' },
    );
    expect(recorded.timelineEntry.data).toEqual({ kind: 'comment', rationale: 'Denied containHost: Build server' });
    expect(recorded.node.decision?.action).toEqual({ tool: 'containHost', outcome: 'denied' });
  });

  it('refuses feedback without a rationale, or an override without its verdict, writing nothing', async () => {
    const { graph, store, audit } = await withAgentVerdict();
    const base = { id: 'fb-3', caseId: 'case-1', analyst: 'alice', reviews: 'agent-1' } as const;
    await expect(
      recordFeedback(
        { ...base, kind: 'verdict-confirmed', rationale: '  ' },
        { graph, audit, at: 1, timelineEntryId: 'e' },
      ),
    ).rejects.toThrow(/rationale/);
    await expect(
      recordFeedback(
        { ...base, kind: 'verdict-overridden', rationale: 'No' },
        { graph, audit, at: 1, timelineEntryId: 'e' },
      ),
    ).rejects.toThrow(ValidationError);
    await expect(
      recordFeedback(
        { ...base, kind: 'verdict-confirmed', rationale: 'Fine', evidence: ['not-a-node' as never] },
        { graph, audit, at: 1, timelineEntryId: 'e' },
      ),
    ).rejects.toThrow(/evidence\[0\]/);
    expect(audit.events).toEqual([]);
    expect(await store.getNode('acme', 'decision:fb-3')).toBeNull();
  });
});
