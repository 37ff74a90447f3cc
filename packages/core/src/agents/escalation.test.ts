import { describe, expect, it } from 'vitest';
import { type EscalationPolicy, escalationFor } from './escalation.js';

const policy: EscalationPolicy = {
  conditions: [
    { when: 'confidence-below', threshold: 0.7 },
    { when: 'severity-at-least', severityId: 4 },
    { when: 'tool-denied' },
    { when: 'limit-reached' },
    { when: 'verdict-is', verdicts: ['true_positive'] },
  ],
  target: { type: 'analyst', id: 'soc-lead' },
};

describe('escalationFor', () => {
  it('returns null when no condition matches', () => {
    expect(escalationFor(policy, {})).toBeNull();
    expect(escalationFor(policy, { confidence: 0.7, severityId: 3, verdict: 'benign', toolDenied: false })).toBeNull();
  });

  it('matches each condition on its own', () => {
    expect(escalationFor(policy, { confidence: 0.69 })?.conditions).toEqual([policy.conditions[0]]);
    expect(escalationFor(policy, { severityId: 4 })?.conditions).toEqual([policy.conditions[1]]);
    expect(escalationFor(policy, { toolDenied: true })?.conditions).toEqual([policy.conditions[2]]);
    expect(escalationFor(policy, { limitReached: true })?.conditions).toEqual([policy.conditions[3]]);
    expect(escalationFor(policy, { verdict: 'true_positive' })?.conditions).toEqual([policy.conditions[4]]);
  });

  it('reports every matching condition, the target and a readable reason', () => {
    expect(escalationFor(policy, { confidence: 0.4, severityId: 5 })).toEqual({
      target: { type: 'analyst', id: 'soc-lead' },
      conditions: [policy.conditions[0], policy.conditions[1]],
      reason: 'confidence 0.4 is below 0.7; severity 5 is at least 4',
    });
  });
});
