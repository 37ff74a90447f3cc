import { describe, expect, it } from 'vitest';
import { RampartError, ValidationError } from '../errors.js';
import {
  builtInPolicies,
  criticalAssetPolicy,
  internalDataPolicy,
  tenantIsolationPolicy,
  vipAccountPolicy,
} from './built-in-policies.js';
import { governanceFrom, valuesOf } from './governance.js';
import { definePolicy, evaluatePolicies, type Policy, type PolicyCallContext } from './policy.js';

const governance = governanceFrom({
  criticalAssets: ['host:dc-01.corp.acme.example'],
  vips: ['user:ceo@acme.example'],
  internalOnly: [
    'hash:sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'domain:corp.acme.example',
  ],
});

function call(
  tool: Partial<PolicyCallContext['tool']> & { name: string },
  input: unknown,
  overrides: Partial<PolicyCallContext> = {},
): PolicyCallContext {
  return {
    tenantId: 'acme',
    agent: { name: 'response', role: 'response' },
    tool: { risk: 'read', capabilities: [], ...tool },
    input,
    inputValues: valuesOf(input),
    case: { id: 'case-1', tenantId: 'acme', entities: [] },
    governance,
    ...overrides,
  };
}

const containHost = { name: 'containHost', risk: 'contain' as const, capabilities: ['host.contain'] };
const suspendUser = { name: 'suspendUser', risk: 'contain' as const, capabilities: ['user.suspend'] };
const hashLookup = { name: 'lookupHash', risk: 'read' as const, capabilities: ['hash.reputation'] };
const postChat = { name: 'postMessage', risk: 'write' as const, capabilities: ['chat.post'] };

describe('built-in policies', () => {
  it('hold containment of a critical asset for a soc-lead, and let other hosts through', () => {
    expect(criticalAssetPolicy.evaluate(call(containHost, { hostname: 'DC-01', reason: 'malware' }))).toEqual({
      effect: 'require-approval',
      reason: 'The call acts on a critical asset: host:dc-01.corp.acme.example (critical-asset)',
      approverRole: 'soc-lead',
    });
    expect(criticalAssetPolicy.evaluate(call(containHost, { hostname: 'ws-042' }))).toEqual({ effect: 'allow' });
    expect(
      criticalAssetPolicy.evaluate(call({ name: 'getHost', capabilities: ['host.details'] }, { hostname: 'dc-01' })),
    ).toEqual({ effect: 'allow' });
  });

  it('hold actions on VIP accounts, but not reads, tickets or chat about them', () => {
    expect(vipAccountPolicy.evaluate(call(suspendUser, { userId: 'CEO@acme.example' })).effect).toBe(
      'require-approval',
    );
    expect(vipAccountPolicy.evaluate(call({ name: 'getUser' }, { userId: 'ceo@acme.example' })).effect).toBe('allow');
    expect(vipAccountPolicy.evaluate(call(postChat, { text: 'ceo@acme.example was phished' })).effect).toBe('allow');
  });

  it('deny sending an internal hash or domain to a public lookup, and allow public indicators', () => {
    const internalHash = 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855';
    expect(internalDataPolicy.evaluate(call(hashLookup, { hash: internalHash }))).toMatchObject({ effect: 'deny' });
    expect(
      internalDataPolicy.evaluate(
        call({ name: 'lookupUrl', capabilities: ['url.reputation'] }, { url: 'hxxps://wiki[.]corp.acme.example/x' }),
      ).effect,
    ).toBe('deny');
    expect(internalDataPolicy.evaluate(call(hashLookup, { hash: 'a'.repeat(64) })).effect).toBe('allow');
  });

  it('deny a tool bound to another tenant, and a case of another tenant', () => {
    expect(tenantIsolationPolicy.evaluate(call({ ...containHost, tenantId: 'globex' }, {}))).toEqual({
      effect: 'deny',
      reason: 'Tenant isolation: containHost is bound to tenant "globex", the call is for "acme"',
    });
    expect(
      tenantIsolationPolicy.evaluate(
        call(containHost, {}, { case: { id: 'case-9', tenantId: 'globex', entities: [] } }),
      ).effect,
    ).toBe('deny');
    expect(tenantIsolationPolicy.evaluate(call({ ...containHost, tenantId: 'acme' }, {})).effect).toBe('allow');
  });
});

describe('evaluatePolicies', () => {
  it('returns a plain allow with no results when every policy allows', () => {
    expect(evaluatePolicies(builtInPolicies, call(containHost, { hostname: 'ws-042' }))).toEqual({
      effect: 'allow',
      results: [],
    });
  });

  it('lets the strictest effect win and keeps every non-allow result with its version', () => {
    const evaluation = evaluatePolicies(
      builtInPolicies,
      call({ ...containHost, tenantId: 'globex' }, { hostname: 'dc-01', owner: 'ceo@acme.example' }),
    );
    expect(evaluation.effect).toBe('deny');
    expect(evaluation.results.map((result) => `${result.policyId}@${result.version} ${result.effect}`)).toEqual([
      'tenant-isolation@1 deny',
      'critical-asset-containment@1 require-approval',
      'vip-account-actions@1 require-approval',
    ]);
  });

  it('fails closed: a policy that throws denies', () => {
    const broken: Policy = {
      id: 'broken',
      version: 3,
      description: 'Throws on purpose.',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    expect(evaluatePolicies([broken], call(containHost, {}))).toEqual({
      effect: 'deny',
      results: [{ policyId: 'broken', version: 3, effect: 'deny', reason: 'policy failed to evaluate (boom)' }],
    });
  });
});

describe('definePolicy', () => {
  it('compiles a declarative rule whose match narrows by tool, capability and risk', () => {
    const policy = definePolicy({
      id: 'no-wipes',
      version: 2,
      description: 'Nothing destructive, except the lab wiper.',
      match: { risks: ['destructive'], exceptTools: ['wipeLabHost'] },
      when: { type: 'always' },
      effect: 'deny',
      reason: 'Destructive actions are off',
    });
    expect(policy.rule?.match).toEqual({ risks: ['destructive'], exceptTools: ['wipeLabHost'] });
    expect(policy.evaluate(call({ name: 'wipeHost', risk: 'destructive' }, {}))).toEqual({
      effect: 'deny',
      reason: 'Destructive actions are off',
    });
    expect(policy.evaluate(call({ name: 'wipeLabHost', risk: 'destructive' }, {})).effect).toBe('allow');
    expect(policy.evaluate(call(containHost, {})).effect).toBe('allow');
    expect(Object.isFrozen(policy)).toBe(true);
  });

  it('rejects malformed rules, naming the bad path', () => {
    expect(() =>
      definePolicy({
        id: 'Bad Id',
        version: 0,
        description: 'short',
        when: { type: 'always' },
        effect: 'deny',
        reason: 'x',
      }),
    ).toThrow(ValidationError);
    expect(() =>
      definePolicy({
        id: 'labels',
        version: 1,
        description: 'Needs at least one label.',
        when: { type: 'input-names', labels: [] },
        effect: 'deny',
        reason: 'x',
      }),
    ).toThrow(/when\.labels/);
    expect(() =>
      definePolicy({
        id: 'role',
        version: 1,
        description: 'Approver role on a deny.',
        when: { type: 'always' },
        effect: 'deny',
        reason: 'x',
        approverRole: 'soc-lead',
      }),
    ).toThrow(RampartError);
  });
});
