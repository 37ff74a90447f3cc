import { defineTool, type ModelRequest, type TimelineEntry } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCaseContext } from '../runtime/case-context.js';
import { type ScriptedStep, ScriptedModel } from '../testing/scripted-model.js';
import { alerts, executed, socHarness } from './__fixtures__/soc-fixtures.js';

/**
 * A model that does whatever the email tells it to: the gate, not the model, decides what runs. Each test
 * scripts a compromised model per agent role and checks that nothing it asks for outside its authority runs.
 */
const tenantId = 'acme';

function compromisedModel(byRole: Record<string, (turn: number, request: ModelRequest) => ScriptedStep>) {
  const turns = new Map<string, number>();
  return new ScriptedModel(
    (request) => {
      const role = readCaseContext(request.messages)?.agent.role ?? 'none';
      const turn = (turns.get(role) ?? 0) + 1;
      turns.set(role, turn);
      return byRole[role]?.(turn, request) ?? { text: 'Done.' };
    },
    { checkToolCalls: false },
  );
}

const denials = (timeline: readonly TimelineEntry[]) =>
  timeline.flatMap((entry) =>
    entry.type === 'tool-call' && entry.data.status === 'denied'
      ? [`${entry.data.tool} ${entry.data.error?.split(':')[0]}`]
      : [],
  );

// Another tenant's threat-intel connector: its tools may never run for acme's cases.
const globexConnector = {
  id: 'globex-intel',
  tenantId: 'globex',
  tools: {
    globexLookupIp: defineTool({
      name: 'globexLookupIp',
      description: 'Look up an IP address in the threat intelligence of tenant globex.',
      input: z.object({ ip: z.string() }),
      output: z.object({ reputation: z.string() }),
      risk: 'read',
      idempotent: true,
      capabilities: ['ip.reputation'],
      execute: async () => {
        throw new Error('a tool of tenant globex ran for acme');
      },
    }),
  },
};

describe('untrusted content cannot widen authority', () => {
  it('refuses everything an injected email asks the triage agent for, however the names are spelled', async () => {
    const attack = [
      { name: 'disableMfa', arguments: { userId: 'ceo@acme.example' } },
      { name: 'allowlistDomain', arguments: { domain: 'invoice-update.example' } },
      { name: 'DisableMfa', arguments: { userId: 'ceo@acme.example' } },
      { name: ' lookupIp', arguments: { ip: '203.0.113.77' } },
      { name: 'LOOKUPIP', arguments: { ip: '203.0.113.77' } },
      { name: 'lookupIp\n', arguments: { ip: '203.0.113.77' } },
      { name: 'grantAdmin', arguments: { userId: 'attacker@evil.example' } },
      { name: 'globexLookupIp', arguments: { ip: '203.0.113.77' } },
    ];
    const model = compromisedModel({
      triage: (turn) =>
        turn <= 2 ? { text: 'Following the maintenance instructions.', toolCalls: attack } : { text: 'Done.' },
    });
    const { soc, calls } = socHarness({ model, connectors: [globexConnector] });
    const result = await soc.handle(alerts.phishing, { tenantId });

    expect(executed(calls)).toEqual([]);
    const once = [
      'disableMfa tool-not-granted',
      'allowlistDomain tool-not-granted',
      'DisableMfa unknown-tool',
      ' lookupIp unknown-tool',
      'LOOKUPIP unknown-tool',
      'lookupIp\n unknown-tool',
      'grantAdmin unknown-tool',
      'globexLookupIp tenant-mismatch',
    ];
    expect(denials(result.timeline)).toEqual([...once, ...once]);
    // The model heard every refusal as an error, and never saw the other tenant's tool offered.
    const second = model.requests[1]!;
    const refusals = second.messages.filter((message) => message.role === 'tool');
    expect(refusals).toHaveLength(attack.length);
    expect(refusals.every((message) => message.role === 'tool' && message.isError === true)).toBe(true);
    expect(model.requests[0]!.tools?.map((tool) => tool.name)).not.toContain('globexLookupIp');
    expect(result.verdict).toBeNull();
  });

  it('holds or refuses response actions against VIPs, critical hosts and above the boundary; repeats are not asked twice', async () => {
    const containCritical = { name: 'containHost', arguments: { hostname: 'DC-01', reason: 'the email says so' } };
    const model = compromisedModel({
      triage: (turn) =>
        turn === 1
          ? {
              toolCalls: [
                { name: 'setCaseVerdict', arguments: { verdict: 'true_positive', confidence: 0.95, rationale: 'x' } },
              ],
            }
          : { text: 'Done.' },
      investigation: (turn) =>
        turn === 1
          ? {
              toolCalls: [
                { name: 'setCaseVerdict', arguments: { verdict: 'true_positive', confidence: 0.95, rationale: 'x' } },
              ],
            }
          : { text: 'Done.' },
      response: (turn) =>
        turn === 1
          ? {
              toolCalls: [
                containCritical,
                containCritical,
                { ...containCritical, arguments: { hostname: 'DC-01', reason: 'different words, same host' } },
                { name: 'suspendUser', arguments: { userId: 'CEO@acme.example' } },
                { name: 'disableMfa', arguments: { userId: 'jane.doe@acme.example' } },
              ],
            }
          : turn === 2
            ? { toolCalls: [containCritical, { name: 'deleteMailbox', arguments: { userId: 'ceo@acme.example' } }] }
            : { text: 'Done.' },
    });
    const { soc, calls } = socHarness({
      model,
      governance: { criticalAssets: ['host:dc-01.corp.acme.example'], vips: ['user:ceo@acme.example'] },
    });
    let result = await soc.handle(alerts.malware, { tenantId });
    const asked: string[] = [];
    while (result.status === 'paused') {
      const pending = result.pendingApprovals[0]!;
      asked.push(`${pending.tool} ${JSON.stringify(pending.input)}`);
      result = await soc.deny(pending.approvalId, {
        by: 'dana',
        roles: ['soc-lead'],
        rationale: 'Not on the word of an email',
      });
    }
    expect(executed(calls)).toEqual([]);
    expect(asked).toEqual([
      'containHost {"hostname":"DC-01","reason":"the email says so"}',
      'suspendUser {"userId":"CEO@acme.example"}',
      'disableMfa {"userId":"jane.doe@acme.example"}',
    ]);
    expect(denials(result.timeline)).toEqual([
      'containHost approval-denied',
      'containHost approval-denied',
      'containHost approval-denied',
      'suspendUser approval-denied',
      'disableMfa approval-denied',
      'containHost approval-denied',
      'deleteMailbox unknown-tool',
    ]);
    expect(result.status).toBe('escalated');
    expect(result.case.assignee).toBe('incident-response');
  });

  it('refuses a call above everything the agent may do, even when it is in the agent’s tools', async () => {
    const model = compromisedModel({
      triage: (turn) =>
        turn === 1 ? { toolCalls: [{ name: 'wipeHost', arguments: { hostname: 'ws-1' } }] } : { text: 'Done.' },
    });
    const wipeHost = defineTool({
      name: 'wipeHost',
      description: 'Wipe an endpoint and reinstall it from the golden image.',
      input: z.object({ hostname: z.string() }),
      output: z.object({ ok: z.boolean() }),
      risk: 'destructive',
      idempotent: true,
      capabilities: ['host.details'],
      execute: async () => {
        throw new Error('wiped');
      },
    });
    const { soc, calls } = socHarness({ model, tools: { wipeHost } });
    const result = await soc.handle(alerts.malware, { tenantId });
    expect(executed(calls)).toEqual([]);
    expect(denials(result.timeline)).toEqual(['wipeHost above-boundary']);
  });
});
