import { describe, expect, it } from 'vitest';
import { evaluatePolicies } from './policy.js';
import { definePolicy } from './policy.js';
import { PolicyCatalog, PolicyVersionError } from './policy-catalog.js';
import {
  describePolicyEvaluation,
  policyEvaluationAuditEvent,
  policyEvaluationTimelineEntry,
} from './policy-timeline.js';
import { builtInPolicyCatalog, recommendedPolicies } from './policy-versions.js';
import { TimelineEntry } from '../cases/timeline.js';
import { AuditEvent } from '../audit/audit-event.js';
import { governanceFrom, valuesOf } from './governance.js';

const rule = (version: number, reason = 'No wipes') =>
  definePolicy({
    id: 'no-wipes',
    version,
    description: 'Nothing destructive.',
    match: { risks: ['destructive'] },
    when: { type: 'always' },
    effect: 'deny',
    reason,
  });

describe('PolicyCatalog', () => {
  it('keeps every version, resolves an audited id@version, and lists the latest', () => {
    const catalog = new PolicyCatalog([rule(1), rule(2, 'Wipes are off')]);
    expect(catalog.get('no-wipes', 1)?.rule?.reason).toBe('No wipes');
    expect(catalog.latest('no-wipes')?.version).toBe(2);
    expect(catalog.history('no-wipes').map((policy) => policy.version)).toEqual([1, 2]);
    expect(catalog.get('no-wipes', 3)).toBeUndefined();
  });

  it('refuses a changed rule under an existing version, and accepts the same rule again', () => {
    const catalog = new PolicyCatalog([rule(1)]);
    expect(() => catalog.add(rule(1))).not.toThrow();
    expect(() => catalog.add(rule(1, 'Changed silently'))).toThrow(PolicyVersionError);
  });

  it('ships both versions of the VIP policy and recommends the tier-3 one', () => {
    expect(builtInPolicyCatalog.history('vip-account-actions').map((policy) => policy.rule?.approverRole)).toEqual([
      'soc-lead',
      'tier-3',
    ]);
    expect(recommendedPolicies.map((policy) => `${policy.id}@${policy.version}`)).toEqual([
      'critical-asset-containment@1',
      'internal-data-stays-internal@1',
      'tenant-isolation@1',
      'vip-account-actions@2',
    ]);
  });
});

describe('policy evaluations on the timeline and in the audit log', () => {
  const input = { hostname: 'dc-01' };
  const evaluation = evaluatePolicies(recommendedPolicies, {
    tenantId: 'acme',
    agent: { name: 'response', role: 'response' },
    tool: { name: 'containHost', risk: 'contain', capabilities: ['host.contain'] },
    input,
    inputValues: valuesOf(input),
    case: { id: 'case-1', tenantId: 'acme', entities: [] },
    governance: governanceFrom({ criticalAssets: ['host:dc-01'] }),
  });
  const context = {
    id: 'entry-1',
    tenantId: 'acme',
    caseId: 'case-1',
    at: 5_000,
    actor: { type: 'agent' as const, id: 'response' },
    tool: 'containHost',
  };

  it('is a valid timeline entry naming each policy and version', () => {
    const entry = policyEvaluationTimelineEntry(context, evaluation);
    expect(TimelineEntry.parse(entry)).toEqual(entry);
    expect(entry.type === 'reasoning' && entry.data.summary).toBe(
      'Policies on containHost: require-approval — critical-asset-containment@1 require-approval by soc-lead: The call acts on a critical asset: host:dc-01 (critical-asset)',
    );
    expect(describePolicyEvaluation('lookupIp', { effect: 'allow', results: [] })).toBe(
      'Policies on lookupIp: allow (no policy objected)',
    );
  });

  it('is a valid audit event', () => {
    const event = policyEvaluationAuditEvent(context, evaluation);
    expect(AuditEvent.parse(event)).toEqual(event);
    expect(event.data).toMatchObject({
      effect: 'require-approval',
      results: [{ policyId: 'critical-asset-containment', version: 1 }],
    });
  });
});
