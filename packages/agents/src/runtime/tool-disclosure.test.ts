import { type AnyTool, defineAgent, defineTool, describeTools } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleBasedReasoner } from '../reasoner/rule-based-reasoner.js';
import { alerts, fixtureTools, runtimeHarness } from '../soc/__fixtures__/soc-fixtures.js';
import { ScriptedModel } from '../testing/scripted-model.js';
import { runAgent } from './agent-runner.js';
import { searchTools } from './tool-search.js';
import { createToolRegistry } from './tool-registry.js';

const nouns = [
  'ticket',
  'asset',
  'vulnerability',
  'license',
  'report',
  'policy',
  'backup',
  'certificate',
  'device',
  'group',
];
const verbs = ['list', 'get', 'export', 'archive', 'tag', 'count'];

/** 300 plausible but irrelevant read tools, plus the fixture tools hidden among them. */
function manyTools(): AnyTool[] {
  const fakes: AnyTool[] = [];
  for (let index = 0; fakes.length < 300; index++) {
    const noun = nouns[index % nouns.length]!;
    const verb = verbs[Math.floor(index / nouns.length) % verbs.length]!;
    fakes.push(
      defineTool({
        name: `${verb}${noun[0]!.toUpperCase()}${noun.slice(1)}${index}`,
        description: `${verb} ${noun} records number ${index} from an inventory system.`,
        input: z.object({ id: z.string().optional() }),
        output: z.object({}),
        risk: 'read',
        idempotent: true,
        capabilities: [`inventory.${noun}`],
        execute: async () => ({}),
      }),
    );
  }
  return [...fakes, ...fixtureTools().list];
}

describe('progressive tool disclosure', () => {
  const tools = manyTools();
  const agent = defineAgent({
    name: 'generalist',
    role: 'investigation',
    instructions: 'Investigate with whichever of your many tools fits.',
    tools,
    data: { read: ['cases'], write: ['cases.verdict'] },
    boundary: { autonomousUpTo: 'read', approvalUpTo: 'contain', maxSteps: 6 },
    escalation: { conditions: [{ when: 'limit-reached' }], target: { type: 'queue', id: 'tier-2' } },
  });

  it('shows an agent with 300+ tools only searchTools and what it found, keeping the request small', async () => {
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'searchTools', arguments: { query: 'suspend user account' } }] },
      { toolCalls: [{ name: 'searchTools', arguments: { capabilities: ['ip.reputation'] } }] },
      { toolCalls: [{ name: 'lookupIp', arguments: { ip: '203.0.113.77' } }] },
      { text: 'Done.' },
    ]);
    const { runtime, newRun } = await runtimeHarness({ model, tools });
    const outcome = await runAgent(runtime, await newRun(agent), agent);
    expect(outcome.status).toBe('completed');

    const offered = model.requests.map((request) => request.tools!.map((tool) => tool.name));
    expect(offered[0]).toEqual(['searchTools', 'setCaseVerdict', 'escalateCase']);
    expect(offered[1]).toContain('suspendUser');
    expect(offered[1]!.length).toBeLessThanOrEqual(24 + 3);
    expect(offered[2]).toContain('lookupIp');
    expect(outcome.state.disclosedTools).toEqual(expect.arrayContaining(['suspendUser', 'lookupIp']));
    const size = (index: number) => JSON.stringify(model.requests[index]!.tools).length;
    const everything = JSON.stringify(describeTools(tools)).length;
    expect(size(0)).toBeLessThan(everything / 20);
    expect(size(2)).toBeLessThan(everything / 5);
  });

  it('refuses a call of a tool the agent has not found yet, and lets it find it', async () => {
    const model = new ScriptedModel(
      [{ toolCalls: [{ name: 'lookupIp', arguments: { ip: '203.0.113.77' } }] }, { text: 'Done.' }],
      { checkToolCalls: false },
    );
    const { runtime, newRun } = await runtimeHarness({ model, tools });
    const outcome = await runAgent(runtime, await newRun(agent), agent);
    expect(outcome.state.evidence).toMatchObject([{ tool: 'lookupIp', status: 'denied' }]);
    expect(model.requests[1]!.messages.at(-2)?.content).toMatch(/find it with searchTools/);
  });

  it('lets the rule-based reasoner search by capability before it enriches', async () => {
    const { runtime, newRun } = await runtimeHarness({ model: ruleBasedReasoner(), tools, alert: alerts.mfaFatigue });
    const outcome = await runAgent(runtime, await newRun(agent), agent);
    expect(outcome.status).toBe('completed');
    const executed = outcome.state.evidence
      .filter((record) => record.status === 'executed')
      .map((record) => record.tool);
    expect(executed).toEqual(expect.arrayContaining(['lookupIp', 'getUser', 'getSignIns']));
  });

  it('ranks capability matches first, then keywords, deterministically', () => {
    const registry = createToolRegistry({ tools });
    const found = searchTools(registry.list(), { query: 'contain host endpoint', capabilities: ['host.contain'] });
    expect(found[0]?.name).toBe('containHost');
    expect(searchTools(registry.list(), { query: 'zzz nothing' })).toEqual([]);
    expect(searchTools(registry.list(), { query: 'ticket', limit: 5 })).toHaveLength(5);
  });
});
