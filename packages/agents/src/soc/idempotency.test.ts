import {
  type ActionCompletion,
  defineTool,
  type ExecutedAction,
  MemoryAuditStore,
  MemoryCaseStore,
  MemoryRunStore,
  type RunState,
} from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleBasedReasoner } from '../reasoner/rule-based-reasoner.js';
import { alerts, clockAt, executed, fixtureTools, prefixedIds } from './__fixtures__/soc-fixtures.js';
import { createSoc } from './create-soc.js';

const tenantId = 'acme';

/** A run store whose process "dies" at a chosen point: the write throws, as if the process ended there. */
class CrashingRunStore extends MemoryRunStore {
  crashOnSave: ((state: RunState) => boolean) | null = null;
  crashOnComplete: ((key: string) => boolean) | null = null;

  override async saveRun(state: RunState): Promise<void> {
    if (this.crashOnSave?.(state)) {
      this.crashOnSave = null;
      throw new Error('process crashed before saving the run');
    }
    return super.saveRun(state);
  }

  override async completeAction(tenantId: string, key: string, completion: ActionCompletion): Promise<ExecutedAction> {
    if (this.crashOnComplete?.(key)) {
      this.crashOnComplete = null;
      throw new Error('process crashed before recording the action');
    }
    return super.completeAction(tenantId, key, completion);
  }
}

const answered = (tool: string) => (state: RunState) =>
  state.messages.some((message) => message.role === 'tool' && message.toolName === tool);

function setup() {
  const runs = new CrashingRunStore();
  const stores = { cases: new MemoryCaseStore(), audit: new MemoryAuditStore(), runs };
  const fixture = fixtureTools();
  const clock = clockAt();
  const socOf = (prefix: string) =>
    createSoc({ stores, model: ruleBasedReasoner(), tools: fixture.tools, clock, ids: prefixedIds(prefix) });
  return { runs, stores, socOf, ...fixture };
}

describe('idempotency across crashes', () => {
  it('never contains a host twice when the process dies between executing and saving the run', async () => {
    const { runs, socOf, calls } = setup();
    runs.crashOnSave = answered('containHost');
    await expect(socOf('a').handle(alerts.malware, { tenantId })).rejects.toThrow(/process crashed/);
    expect(executed(calls).filter((tool) => tool === 'containHost')).toHaveLength(1);
    const [interrupted] = await runs.listRuns(tenantId, { status: 'running' });
    expect(interrupted?.stage).toBe('response');
    expect(interrupted?.unprocessedCalls.map((call) => call.name)).toEqual(['containHost']);

    // A new process resumes the saved run: the model's turn is replayed, the ledger answers for the action.
    const result = await socOf('b').resume(interrupted!.id);
    expect(result.status).toBe('completed');
    expect(result.case.status).toBe('resolved');
    const containments = calls.filter((call) => call.tool === 'containHost');
    expect(containments).toHaveLength(1);
    expect(result.actions.filter((action) => action.tool === 'containHost')).toMatchObject([
      { status: 'executed', idempotencyKey: containments[0]!.context.idempotencyKey },
    ]);
    const entries = result.timeline.filter((entry) => entry.type === 'tool-call' && entry.data.tool === 'containHost');
    expect(entries.map((entry) => entry.type === 'tool-call' && entry.data.outputSummary)).toEqual([
      '{"state":"contained"}',
      expect.stringMatching(/^Already executed under idempotency key idem_[0-9a-f]{32}; not run again/),
    ]);
    const ledger = await runs.listActions(tenantId, result.case.id);
    expect(ledger.find((action) => action.tool === 'containHost')).toMatchObject({ status: 'executed', attempts: 1 });
  });

  it('also holds when the alert is simply delivered again after the crash', async () => {
    const { runs, socOf, calls } = setup();
    runs.crashOnSave = answered('containHost');
    await expect(socOf('a').handle(alerts.malware, { tenantId })).rejects.toThrow(/process crashed/);
    const result = await socOf('b').handle(alerts.malware, { tenantId });
    expect(result.status).toBe('completed');
    expect(executed(calls).filter((tool) => tool === 'containHost')).toHaveLength(1);
  });

  it('retries an idempotent action whose outcome was lost with the same key, so the vendor acts once', async () => {
    const { runs, socOf, calls } = setup();
    runs.crashOnComplete = () => true;
    await expect(socOf('a').handle(alerts.malware, { tenantId })).rejects.toThrow(/recording the action/);
    const [interrupted] = await runs.listRuns(tenantId, { status: 'running' });
    await socOf('b').resume(interrupted!.id);
    const keys = calls.filter((call) => call.tool === 'containHost').map((call) => call.context.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
  });

  it('does not repeat a non-idempotent action whose outcome was lost, and reports it as failed', async () => {
    const runs = new CrashingRunStore();
    const stores = { cases: new MemoryCaseStore(), audit: new MemoryAuditStore(), runs };
    const fixture = fixtureTools();
    let isolations = 0;
    const isolateOnce = defineTool({
      name: 'isolateHost',
      description: 'Isolate an endpoint (this vendor has no idempotency keys).',
      input: z.object({ hostname: z.string(), reason: z.string() }),
      output: z.object({ state: z.string() }),
      risk: 'contain',
      idempotent: false,
      capabilities: ['host.contain'],
      execute: async () => {
        isolations++;
        return { state: 'isolated' };
      },
    });
    const { containHost: _replaced, ...others } = fixture.tools;
    const socOf = (prefix: string) =>
      createSoc({
        stores,
        model: ruleBasedReasoner(),
        tools: { ...others, isolateHost: isolateOnce },
        clock: clockAt(),
        ids: prefixedIds(prefix),
      });
    runs.crashOnComplete = () => true;
    await expect(socOf('a').handle(alerts.malware, { tenantId })).rejects.toThrow(/recording the action/);
    const [interrupted] = await runs.listRuns(tenantId, { status: 'running' });
    const result = await socOf('b').resume(interrupted!.id);
    expect(isolations).toBe(1);
    expect(result.actions.find((action) => action.tool === 'isolateHost')).toMatchObject({ status: 'failed' });
    const entry = result.timeline
      .filter((item) => item.type === 'tool-call' && item.data.tool === 'isolateHost')
      .at(-1);
    expect(entry?.type === 'tool-call' && entry.data.error).toMatch(/outcome is unknown/);
  });
});
