import { describe, expect, it } from 'vitest';
import { learningGraph, recordingAuditSink, signInType } from './__fixtures__/learning-graph.js';
import { recordFeedback } from './feedback.js';
import {
  FeedbackDatasetError,
  FeedbackDatasetRecord,
  feedbackDataset,
  parseFeedbackJsonLines,
  toJsonLines,
} from './feedback-dataset.js';

async function withFeedback() {
  const { graph } = learningGraph();
  const audit = recordingAuditSink();
  await graph.recordDecision({
    id: 'agent-1',
    at: 1_000,
    trace: {
      type: 'verdict',
      caseId: 'case-1',
      decidedBy: { type: 'agent', id: 'triage' },
      rationale: 'New country',
      verdict: 'true_positive',
      confidence: 0.8,
      alertType: signInType,
      evidence: ['user:jane@acme.example'],
    },
  });
  await recordFeedback(
    {
      id: 'fb-2',
      caseId: 'case-1',
      analyst: 'alice',
      kind: 'verdict-overridden',
      reviews: 'agent-1',
      verdict: 'benign',
      rationale: 'Travel',
    },
    { graph, audit, at: 3_000, timelineEntryId: 't2' },
  );
  await recordFeedback(
    {
      id: 'fb-1',
      caseId: 'case-1',
      analyst: 'bob',
      kind: 'action-approved',
      reviews: 'agent-1',
      tool: 'resetPassword',
      rationale: 'Safe',
    },
    { graph, audit, at: 2_000, timelineEntryId: 't1' },
  );
  return graph;
}

describe('feedbackDataset', () => {
  it('pairs each feedback with the agent decision it reviews, oldest first', async () => {
    const records = await feedbackDataset(await withFeedback());
    expect(records.map((record) => [record.feedbackId, record.kind, record.agreed])).toEqual([
      ['fb-1', 'action-approved', true],
      ['fb-2', 'verdict-overridden', false],
    ]);
    expect(records[1]).toEqual({
      schemaVersion: 1,
      tenantId: 'acme',
      caseId: 'case-1',
      feedbackId: 'fb-2',
      at: 3_000,
      alertType: signInType,
      analyst: 'alice',
      kind: 'verdict-overridden',
      agreed: false,
      rationale: 'Travel',
      analystVerdict: 'benign',
      tool: null,
      agentDecision: {
        decisionId: 'agent-1',
        agent: 'triage',
        type: 'verdict',
        verdict: 'true_positive',
        confidence: 0.8,
        tool: null,
        rationale: 'New country',
        evidence: ['user:jane@acme.example'],
      },
      evidence: [],
    });
    for (const record of records) expect(FeedbackDatasetRecord.parse(record)).toEqual(record);
    expect((await feedbackDataset(await withFeedback(), { since: 2_500 })).map((record) => record.feedbackId)).toEqual([
      'fb-2',
    ]);
  });

  it('round-trips through JSON Lines, and names the bad line of a damaged file', async () => {
    const records = await feedbackDataset(await withFeedback());
    const text = toJsonLines(records);
    expect(text.split('\n')).toHaveLength(3);
    expect(parseFeedbackJsonLines(text)).toEqual(records);
    const damaged = `${text}{"schemaVersion":1}\n`;
    expect(() => parseFeedbackJsonLines(damaged)).toThrow(FeedbackDatasetError);
    expect(() => parseFeedbackJsonLines(damaged)).toThrow(/line 3/);
  });
});
