import { defineAgent, defineTool, type ModelToolCall } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApprovalRequiredError, MaxTurnsExceededError, ToolCallDeniedError } from '../errors.js';
import { fixtureTools, runtimeHarness } from '../soc/__fixtures__/soc-fixtures.js';
import { ScriptedModel } from '../testing/scripted-model.js';
import { decideApproval, runAgent } from './agent-runner.js';
import { hasToolCall, isStepCount, isToolCallCount, isVerdictSet } from './stop-conditions.js';

const analyst = defineAgent({
  name: 'analyst',
  role: 'investigation',
  instructions: 'Investigate with read tools; contain with approval.',
  tools: ['lookupIp', 'lookupDomain', 'getHost', 'containHost', 'slowLookup'],
  data: { read: ['cases', 'alerts'], write: ['cases.verdict', 'cases.timeline'] },
  boundary: { autonomousUpTo: 'read', approvalUpTo: 'contain', maxSteps: 3 },
  escalation: { conditions: [{ when: 'limit-reached' }], target: { type: 'queue', id: 'tier-2' } },
});

const lookups = (count: number): ModelToolCall[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `c${index}`,
    name: 'slowLookup',
    arguments: { ip: `203.0.113.${index}` },
  }));

function slowLookupTool(observe: (inFlight: number) => void) {
  let inFlight = 0;
  return defineTool({
    name: 'slowLookup',
    description: 'A lookup that takes a while, like a vendor API.',
    input: z.object({ ip: z.string() }),
    output: z.object({ ok: z.boolean() }),
    risk: 'read',
    idempotent: true,
    execute: async () => {
      inFlight++;
      observe(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { ok: true };
    },
  });
}

describe('runAgent', () => {
  it('runs the independent reads of one step concurrently, within the concurrency bound', async () => {
    for (const [concurrency, expected] of [
      [1, 1],
      [4, 4],
    ] as const) {
      let peak = 0;
      const tools = { ...fixtureTools().tools, slowLookup: slowLookupTool((now) => (peak = Math.max(peak, now))) };
      const model = new ScriptedModel([{ toolCalls: lookups(10) }, { text: 'Done.' }]);
      const { runtime, newRun } = await runtimeHarness({ model, tools, concurrency });
      const outcome = await runAgent(runtime, await newRun(analyst), analyst);
      expect(outcome.status).toBe('completed');
      expect(peak).toBe(expected);
      // Results come back in call order whatever order the calls finished in.
      const toolMessages = model.requests[1]!.messages.filter((message) => message.role === 'tool');
      expect(toolMessages.map((message) => message.role === 'tool' && message.toolCallId)).toEqual(
        lookups(10).map((call) => call.id),
      );
    }
  });

  it('records concurrent reads on the timeline in call order, whatever order they finish in', async () => {
    const staggered = defineTool({
      name: 'slowLookup',
      description: 'A lookup whose later calls answer first.',
      input: z.object({ ip: z.string() }),
      output: z.object({ ok: z.boolean() }),
      risk: 'read',
      idempotent: true,
      execute: async ({ ip }) => {
        await new Promise((resolve) => setTimeout(resolve, 40 - Number(ip.split('.').at(-1)) * 4));
        return { ok: true };
      },
    });
    const model = new ScriptedModel([{ toolCalls: lookups(8) }, { text: 'Done.' }]);
    const { runtime, newRun, stores, caseId } = await runtimeHarness({
      model,
      tools: { ...fixtureTools().tools, slowLookup: staggered },
    });
    await runAgent(runtime, await newRun(analyst), analyst);
    const recorded = (await stores.cases.getTimeline('acme', caseId)).flatMap((entry) =>
      entry.type === 'tool-call' ? [(entry.data.input as { ip: string }).ip] : [],
    );
    expect(recorded).toEqual(lookups(8).map((call) => (call.arguments as { ip: string }).ip));
  });

  it('ends on a stop condition after the step that meets it', async () => {
    const verdict = {
      name: 'setCaseVerdict',
      arguments: { verdict: 'benign', confidence: 0.9, rationale: 'clean' },
    };
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'lookupIp', arguments: { ip: '203.0.113.1' } }] },
      { toolCalls: [verdict] },
      { text: 'never asked' },
    ]);
    const { runtime, newRun, stores, caseId } = await runtimeHarness({ model });
    const outcome = await runAgent(runtime, await newRun(analyst), analyst, { stopWhen: [isVerdictSet()] });
    expect(outcome).toMatchObject({ status: 'completed', finish: 'stop-condition' });
    expect(model.remaining).toBe(1);
    expect((await stores.cases.getCase('acme', caseId))?.verdict?.value).toBe('benign');

    const counted = new ScriptedModel([
      { toolCalls: [{ name: 'lookupIp', arguments: { ip: '203.0.113.1' } }] },
      { text: 'never asked' },
    ]);
    const second = await runtimeHarness({ model: counted });
    const byCount = await runAgent(second.runtime, await second.newRun(analyst), analyst, {
      stopWhen: [isToolCallCount(1)],
    });
    expect(byCount.status).toBe('completed');
    expect(counted.remaining).toBe(1);
    expect(isStepCount(1)({ state: byCount.state, agent: analyst, toolCalls: [], succeeded: [] })).toBe(true);
    expect(
      hasToolCall('lookupIp')({ state: byCount.state, agent: analyst, toolCalls: [], succeeded: ['lookupIp'] }),
    ).toBe(true);
  });

  it('throws MaxTurnsExceededError with the saved state when the model never finishes', async () => {
    const model = new ScriptedModel(() => ({ toolCalls: [{ name: 'lookupIp', arguments: { ip: '203.0.113.1' } }] }));
    const { runtime, newRun, stores } = await runtimeHarness({ model });
    const state = await newRun(analyst);
    const error = await runAgent(runtime, state, analyst).catch((thrown: unknown) => thrown);
    expect(MaxTurnsExceededError.isInstance(error)).toBe(true);
    const exceeded = error as MaxTurnsExceededError;
    expect(exceeded.state.step).toBe(3);
    expect(await stores.runs.getRun(state.id)).toEqual(exceeded.state);
  });

  it('can throw instead of pausing or telling the model, keeping the run saved', async () => {
    const contain = { name: 'containHost', arguments: { hostname: 'ws-1', reason: 'malware' } };
    const pausing = new ScriptedModel([{ toolCalls: [contain] }]);
    const first = await runtimeHarness({ model: pausing });
    const state = await first.newRun(analyst);
    const paused = await runAgent(first.runtime, state, analyst, { onApproval: 'throw' }).catch((error) => error);
    expect(ApprovalRequiredError.isInstance(paused)).toBe(true);
    expect((paused as ApprovalRequiredError).approval).toMatchObject({ tool: 'containHost', risk: 'contain' });
    expect((await first.stores.runs.getRun(state.id))?.status).toBe('paused');

    const refusing = new ScriptedModel([{ toolCalls: [{ name: 'wipeEverything', arguments: {} }] }], {
      checkToolCalls: false,
    });
    const second = await runtimeHarness({ model: refusing });
    const denied = await runAgent(second.runtime, await second.newRun(analyst), analyst, { onDenied: 'throw' }).catch(
      (error) => error,
    );
    expect(ToolCallDeniedError.isInstance(denied)).toBe(true);
    expect(denied).toMatchObject({ tool: 'wipeEverything', code: 'unknown-tool' });
  });

  it('runs the allowed actions of a step while a call of it waits for approval, then the held call once approved', async () => {
    const responder = defineAgent({
      name: 'responder',
      role: 'response',
      instructions: 'Contain with approval; tickets alone.',
      tools: ['containHost', 'createTicket'],
      data: { read: ['cases', 'alerts'], write: ['cases.timeline'] },
      boundary: { autonomousUpTo: 'write', approvalUpTo: 'contain', maxSteps: 3 },
      escalation: { conditions: [{ when: 'limit-reached' }], target: { type: 'queue', id: 'tier-2' } },
    });
    const fixture = fixtureTools();
    const model = new ScriptedModel([
      {
        toolCalls: [
          { name: 'containHost', arguments: { hostname: 'ws-1', reason: 'malware' } },
          { name: 'createTicket', arguments: { title: 'Malware on ws-1', description: 'Contained pending approval' } },
        ],
      },
      { text: 'Done.' },
    ]);
    const { runtime, newRun } = await runtimeHarness({ model, tools: fixture.tools });
    const paused = await runAgent(runtime, await newRun(responder), responder);
    expect(paused).toMatchObject({ status: 'paused', approval: { tool: 'containHost' } });
    // The ticket did not wait for the human; the containment did.
    expect(fixture.calls.map((call) => call.tool)).toEqual(['createTicket']);
    expect(paused.state.unprocessedCalls).toEqual([]);

    const approved = await decideApproval(runtime, paused.state, {
      approvalId: paused.state.pending!.approvalId,
      approved: true,
      by: 'dana',
    });
    const done = await runAgent(runtime, approved, responder);
    expect(done.status).toBe('completed');
    expect(fixture.calls.map((call) => call.tool)).toEqual(['createTicket', 'containHost']);
  });

  it('records a failing tool as failed, tells the model, and goes on', async () => {
    const broken = defineTool({
      name: 'lookupIp',
      description: 'A reputation service that is down.',
      input: z.object({ ip: z.string() }),
      output: z.object({}),
      risk: 'read',
      idempotent: true,
      execute: async () => {
        throw new Error('503 service unavailable');
      },
    });
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'lookupIp', arguments: { ip: '203.0.113.1' } }] },
      { text: 'The lookup failed; nothing more to do.' },
    ]);
    const { runtime, newRun, stores, caseId } = await runtimeHarness({ model, tools: { lookupIp: broken } });
    const outcome = await runAgent(runtime, await newRun(analyst), analyst);
    expect(outcome.status).toBe('completed');
    expect(model.requests[1]!.messages.at(-2)).toMatchObject({ role: 'tool', isError: true });
    const timeline = await stores.cases.getTimeline('acme', caseId);
    expect(timeline.find((entry) => entry.type === 'tool-call')?.data).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('503'),
    });
    expect(outcome.state.evidence).toMatchObject([{ tool: 'lookupIp', status: 'failed' }]);
  });
});
