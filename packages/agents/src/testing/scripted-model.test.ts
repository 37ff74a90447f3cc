import { type ModelMessage, ModelApiError, ModelBehaviorError, RampartError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { socTools } from '../models/soc-test-tools.js';
import { ScriptedModel } from './scripted-model.js';

describe('ScriptedModel', () => {
  it('replays its script in order, filling in ids and finish reasons', async () => {
    const model = new ScriptedModel([
      {
        toolCalls: [
          { name: 'lookupIp', arguments: { ip: '203.0.113.7' } },
          { name: 'getHostDetails', arguments: { hostId: 'h-1' } },
        ],
      },
      { text: 'Verdict: benign.', usage: { inputTokens: 10, outputTokens: 3 } },
    ]);
    const first = await model.generate({ messages: [{ role: 'user', content: 'triage' }], tools: socTools });
    expect(first).toEqual({
      text: '',
      toolCalls: [
        { id: 'call_1', name: 'lookupIp', arguments: { ip: '203.0.113.7' } },
        { id: 'call_2', name: 'getHostDetails', arguments: { hostId: 'h-1' } },
      ],
      finishReason: 'tool-calls',
      usage: {},
    });
    const second = await model.generate({ messages: [{ role: 'user', content: 'triage' }], tools: socTools });
    expect(second).toMatchObject({ text: 'Verdict: benign.', finishReason: 'stop', usage: { inputTokens: 10 } });
    expect(model.remaining).toBe(0);
  });

  it('records a snapshot of every request', async () => {
    const model = new ScriptedModel([{ text: 'one' }, { text: 'two' }]);
    const messages: ModelMessage[] = [{ role: 'user', content: 'first' }];
    await model.generate({ messages, maxOutputTokens: 100 });
    messages.push({ role: 'assistant', content: 'one' }, { role: 'user', content: 'second' });
    await model.generate({ messages });
    expect(model.requests.map((request) => request.messages.length)).toEqual([1, 3]);
    expect(model.requests[0]?.maxOutputTokens).toBe(100);
  });

  it('answers from a function of the request', async () => {
    const model = new ScriptedModel((request, index) => ({ text: `${index}:${request.messages.at(-1)?.content}` }));
    expect((await model.generate({ messages: [{ role: 'user', content: 'ping' }] })).text).toBe('0:ping');
    expect((await model.generate({ messages: [{ role: 'user', content: 'again' }] })).text).toBe('1:again');
  });

  it('throws scripted errors, and says so when the script runs out', async () => {
    const overloaded = new ModelApiError('overloaded', { model: 'scripted:model', status: 529 });
    const model = new ScriptedModel([overloaded]);
    await expect(model.generate({ messages: [] })).rejects.toBe(overloaded);
    const error = await model.generate({ messages: [] }).catch((caught: unknown) => caught);
    expect(RampartError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('asked for response 2 but its script has 1');
  });

  it('enforces the adapter contract on tool names unless told not to', async () => {
    const script = [{ toolCalls: [{ name: 'wipeHost' }] }];
    const strict = await new ScriptedModel(script)
      .generate({ messages: [], tools: socTools })
      .catch((caught: unknown) => caught);
    expect(ModelBehaviorError.isInstance(strict)).toBe(true);

    const lenient = await new ScriptedModel(script, { checkToolCalls: false }).generate({
      messages: [],
      tools: socTools,
    });
    expect(lenient.toolCalls).toEqual([{ id: 'call_1', name: 'wipeHost', arguments: {} }]);
  });

  it('rejects with the abort reason when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      new ScriptedModel([{ text: 'x' }]).generate({ messages: [], signal: controller.signal }),
    ).rejects.toThrow('cancelled');
  });
});
