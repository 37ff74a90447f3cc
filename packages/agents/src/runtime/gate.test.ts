import {
  type Agent,
  builtInPolicies,
  defineAgent,
  defineTool,
  definePolicy,
  governanceFrom,
  type Risk,
} from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionIdentity, createGate, type GateRequest } from './gate.js';
import { createToolRegistry } from './tool-registry.js';

const tool = (name: string, risk: Risk, capabilities: string[] = []) =>
  defineTool({
    name,
    description: `The ${name} tool, for gate tests.`,
    input: z.object({ target: z.string().min(1), reason: z.string().optional() }),
    output: z.object({}),
    risk,
    idempotent: true,
    capabilities,
    execute: async () => ({}),
  });

const lookupHash = tool('lookupHash', 'read', ['hash.reputation']);
const containHost = tool('containHost', 'contain', ['host.contain']);
const suspendUser = tool('suspendUser', 'contain', ['user.suspend']);
const wipeHost = tool('wipeHost', 'destructive');
const postChat = tool('postChat', 'write', ['chat.post']);
const otherTenantTool = tool('lookupElsewhere', 'read');

const registry = createToolRegistry({
  tools: [lookupHash, containHost, suspendUser, wipeHost, postChat],
  connectors: [{ id: 'globex', tenantId: 'globex', tools: { lookupElsewhere: otherTenantTool } }],
});

const agent: Agent = defineAgent({
  name: 'responder',
  role: 'response',
  instructions: 'Respond to confirmed incidents within the boundary.',
  tools: ['lookupHash', 'containHost', 'suspendUser', 'wipeHost', 'postChat', 'lookupElsewhere', 'notInRegistry'],
  data: { read: ['cases'] },
  boundary: { autonomousUpTo: 'write', approvalUpTo: 'contain', maxSteps: 5, maxToolCalls: 3 },
  escalation: { conditions: [{ when: 'tool-denied' }], target: { type: 'queue', id: 'ir' } },
});

const governance = governanceFrom({
  criticalAssets: ['host:dc-01'],
  vips: ['user:ceo@acme.example'],
  internalOnly: ['domain:corp.acme.example'],
});

const gate = createGate({ registry, policies: builtInPolicies });
const request = (name: string, args: unknown, overrides: Partial<GateRequest> = {}): GateRequest => ({
  agent,
  call: { name, arguments: args },
  tenantId: 'acme',
  case: { id: 'case-1', tenantId: 'acme', entities: [] },
  governance,
  ...overrides,
});

describe('the gate', () => {
  it('allows a granted call within autonomy and keys state-changing calls only', () => {
    const read = gate.check(request('lookupHash', { target: 'a'.repeat(64) }));
    expect(read).toMatchObject({ outcome: 'allow', policies: [] });
    expect(read.outcome === 'allow' && read.idempotencyKey).toBe(undefined);
    const write = gate.check(request('postChat', { target: '#soc' }));
    expect(write.outcome === 'allow' && write.idempotencyKey).toMatch(/^idem_[0-9a-f]{32}$/);
  });

  it('matches names exactly: no case folding, no trimming', () => {
    for (const name of ['ContainHost', ' containHost', 'containHost ', 'containhost', 'containHost\u200b']) {
      expect(gate.check(request(name, { target: 'ws-1' }))).toMatchObject({ outcome: 'deny', code: 'unknown-tool' });
    }
  });

  it('applies the boundary before anything else: not granted, above the boundary, limits', () => {
    const ungranted = defineAgent({ ...agentSpec(), tools: ['lookupHash'] });
    expect(gate.check(request('containHost', { target: 'x' }, { agent: ungranted }))).toMatchObject({
      outcome: 'deny',
      code: 'tool-not-granted',
    });
    expect(gate.check(request('wipeHost', { target: 'x' }))).toMatchObject({ outcome: 'deny', code: 'above-boundary' });
    expect(gate.check(request('lookupHash', { target: 'x' }, { usage: { toolCalls: 3 } }))).toMatchObject({
      outcome: 'deny',
      code: 'tool-call-limit',
    });
    // A granted name the registry does not know is still unknown: the agent cannot conjure a tool.
    expect(gate.check(request('notInRegistry', {}))).toMatchObject({ outcome: 'deny', code: 'unknown-tool' });
  });

  it('isolates tenants: another tenant’s tool, or another tenant’s case, is refused before the input is read', () => {
    expect(gate.check(request('lookupElsewhere', { target: 'x' }))).toMatchObject({
      outcome: 'deny',
      code: 'tenant-mismatch',
      policies: [{ policyId: 'tenant-isolation', effect: 'deny' }],
    });
    expect(
      gate.check(request('lookupHash', 'not even an object', { case: { id: 'c', tenantId: 'globex', entities: [] } })),
    ).toMatchObject({ outcome: 'deny', code: 'tenant-mismatch' });
    // Tenant isolation holds even when a host passes no policies at all.
    const bare = createGate({ registry, policies: [] });
    expect(bare.check(request('lookupElsewhere', { target: 'x' }))).toMatchObject({ code: 'tenant-mismatch' });
  });

  it('refuses input that does not parse, naming the path', () => {
    expect(gate.check(request('containHost', { target: '' }))).toMatchObject({
      outcome: 'deny',
      code: 'invalid-input',
      reason: expect.stringContaining('target'),
    });
  });

  it('applies governance to the parsed input: deny wins, approvals name the policy and approver', () => {
    expect(gate.check(request('lookupHash', { target: 'https://wiki.corp.acme.example/x' }))).toMatchObject({
      outcome: 'deny',
      code: 'policy',
      reason: expect.stringContaining('internal-data-stays-internal@1'),
    });
    const critical = gate.check(request('postChat', { target: 'DC-01' }));
    expect(critical.outcome).toBe('allow');
    const containCritical = gate.check(request('suspendUser', { target: 'ceo@acme.example' }));
    expect(containCritical).toMatchObject({
      outcome: 'needs-approval',
      approverRole: 'soc-lead',
      reason: expect.stringContaining('vip-account-actions@1'),
    });
  });

  it('needs approval above autonomy; an approved call is allowed, a refused one stays refused', () => {
    const contain = gate.check(request('containHost', { target: 'ws-1' }));
    expect(contain).toMatchObject({ outcome: 'needs-approval', reason: expect.stringContaining('above responder') });
    expect(gate.check(request('containHost', { target: 'ws-1' }, { approved: true })).outcome).toBe('allow');
    expect(gate.check(request('wipeHost', { target: 'ws-1' }, { approved: true })).outcome).toBe('deny');
  });

  it('lets a host add its own declarative policy', () => {
    const noChatAtNight = definePolicy({
      id: 'no-chat',
      version: 1,
      description: 'Chat posts need a human while the channel is frozen.',
      match: { capabilities: ['chat.post'] },
      when: { type: 'always' },
      effect: 'require-approval',
      reason: 'The channel is frozen',
    });
    const strict = createGate({ registry, policies: [...builtInPolicies, noChatAtNight] });
    expect(strict.check(request('postChat', { target: '#soc' }))).toMatchObject({
      outcome: 'needs-approval',
      policies: [{ policyId: 'no-chat', version: 1 }],
    });
  });

  it('keys a containment by its target, not by the words of its reason', () => {
    const first = gate.check(request('containHost', { target: 'ws-1', reason: 'malware' }));
    const second = gate.check(request('containHost', { target: 'ws-1', reason: 'Malware, confirmed' }));
    const other = gate.check(request('containHost', { target: 'ws-2', reason: 'malware' }));
    const key = (decision: typeof first) => (decision.outcome === 'deny' ? undefined : decision.idempotencyKey);
    expect(key(first)).toBe(key(second));
    expect(key(first)).not.toBe(key(other));
    const entry = registry.get('postChat')!;
    expect(actionIdentity(entry, { text: 'a', channel: 'b' })).toEqual({ text: 'a', channel: 'b' });
  });
});

function agentSpec() {
  return {
    name: 'narrow',
    role: 'response' as const,
    instructions: 'A narrow agent for gate tests.',
    tools: ['lookupHash'],
    data: { read: ['cases' as const] },
    boundary: { autonomousUpTo: 'read' as const, approvalUpTo: null, maxSteps: 2 },
    escalation: { conditions: [{ when: 'tool-denied' as const }], target: { type: 'queue' as const, id: 'ir' } },
  };
}
