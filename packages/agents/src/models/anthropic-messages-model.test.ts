import { inspect } from 'node:util';
import { ModelApiError, ModelBehaviorError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import unauthorized from './__fixtures__/anthropic-error-401.json' with { type: 'json' };
import rateLimited from './__fixtures__/anthropic-error-429.json' with { type: 'json' };
import overloaded from './__fixtures__/anthropic-error-529.json' with { type: 'json' };
import invalidInput from './__fixtures__/anthropic-messages-invalid-input.json' with { type: 'json' };
import parallelToolUse from './__fixtures__/anthropic-messages-parallel-tool-use.json' with { type: 'json' };
import refusal from './__fixtures__/anthropic-messages-refusal.json' with { type: 'json' };
import text from './__fixtures__/anthropic-messages-text.json' with { type: 'json' };
import toolUse from './__fixtures__/anthropic-messages-tool-use.json' with { type: 'json' };
import { anthropicModel } from './anthropic-messages-model.js';
import { recordingSleep, useProviderServer } from './provider-test-server.js';
import { alertText, conversationWithToolResults, socTools } from './soc-test-tools.js';

const endpoint = 'https://api.anthropic.com/v1/messages';
const apiKey = 'sk-ant-api03-rampart-test-0123456789-FAKE';
const provider = useProviderServer();
const ask = { messages: [{ role: 'user' as const, content: alertText }], tools: socTools };

function model(sleep = recordingSleep()) {
  return anthropicModel({ apiKey, model: 'claude-sonnet-4-5', retry: { sleep: sleep.sleep } });
}

describe('anthropicModel', () => {
  it('returns the text, usage (cache reads included) and response id of a plain answer', async () => {
    provider.reply(endpoint, { body: text });
    const response = await model().generate({ messages: [{ role: 'user', content: alertText }] });
    expect(response).toEqual({
      text: "The sign-in from 203.0.113.7 matches the user's travel itinerary and the device is managed. Verdict: benign.",
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 1187, outputTokens: 34 },
      rawFinishReason: 'end_turn',
      responseId: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    });
  });

  it('parses one tool_use block and keeps the text before it', async () => {
    provider.reply(endpoint, { body: toolUse });
    const response = await model().generate(ask);
    expect(response).toMatchObject({
      text: "I'll check the reputation of the source address first.",
      finishReason: 'tool-calls',
      toolCalls: [{ id: 'toolu_01A09q90qw90lq917835lq9', name: 'lookupIp', arguments: { ip: '203.0.113.7' } }],
    });
  });

  it('returns parallel tool_use blocks in order and ignores thinking blocks', async () => {
    provider.reply(endpoint, { body: parallelToolUse });
    const response = await model().generate(ask);
    expect(response.text).toBe('Checking the IP reputation and the host at the same time.');
    expect(response.toolCalls).toEqual([
      {
        id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
        name: 'lookupIp',
        arguments: { ip: '203.0.113.7', includeHistory: true },
      },
      { id: 'toolu_01Gd8eLiGm1mhp9o2zVKSxCq', name: 'getHostDetails', arguments: { hostId: 'fa3c2b1e9d8f4a67' } },
    ]);
  });

  it('waits as long as retry-after says after a 429, then succeeds', async () => {
    const requests = provider.reply(
      endpoint,
      {
        status: 429,
        body: rateLimited,
        headers: { 'retry-after': '12', 'request-id': 'req_011CVXq7n5Po1Qr6Tu0Vw2Yz' },
      },
      { body: toolUse },
    );
    const sleep = recordingSleep();
    const response = await model(sleep).generate(ask);
    expect(response.toolCalls).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(sleep.waits).toEqual([12_000]);
  });

  it('retries 529 overloaded, and honours x-should-retry: false', async () => {
    const retried = provider.reply(endpoint, { status: 529, body: overloaded }, { body: text });
    await model().generate(ask);
    expect(retried).toHaveLength(2);

    const notRetried = provider.reply(endpoint, {
      status: 529,
      body: overloaded,
      headers: { 'x-should-retry': 'false' },
    });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelApiError', status: 529, retryable: false, fault: 'server' });
    expect(notRetried).toHaveLength(1);
  });

  it('throws a typed, non-retryable 401 that never contains the API key', async () => {
    provider.reply(endpoint, {
      status: 401,
      body: unauthorized,
      headers: { 'request-id': 'req_011CVXq4k2Lm8Np3Rs7Tu9Wx' },
    });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      retryable: false,
      requestId: 'req_011CVXq4k2Lm8Np3Rs7Tu9Wx',
      message: 'anthropic:claude-sonnet-4-5 returned 401: authentication_error: invalid x-api-key',
    });
    expect(inspect(error, { depth: 5 })).not.toContain(apiKey);
    expect(JSON.stringify(error)).not.toContain(apiKey);
  });

  it('throws ModelBehaviorError when tool input is a string that is not JSON', async () => {
    provider.reply(endpoint, { body: invalidInput });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelBehaviorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid-tool-arguments',
      toolName: 'getHostDetails',
      toolCallId: 'toolu_01Vb8Nm4Qx2Wz6Ty1Ui3Op5A',
    });
  });

  it('throws ModelBehaviorError when the model calls a tool it was not given', async () => {
    provider.reply(endpoint, { body: toolUse });
    const error = await model()
      .generate({ ...ask, tools: [] })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelBehaviorError', code: 'unknown-tool', toolName: 'lookupIp' });
  });

  it('reports stop reason refusal as finish reason refusal', async () => {
    provider.reply(endpoint, { body: refusal });
    const response = await model().generate(ask);
    expect(response).toMatchObject({ finishReason: 'refusal', rawFinishReason: 'refusal', toolCalls: [] });
  });

  it('rejects a response that breaks the documented format with a non-retryable ModelApiError', async () => {
    const broken = structuredClone(toolUse) as { content: Array<Record<string, unknown>> };
    delete broken.content[1]!.id;
    provider.reply(endpoint, { body: broken });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelApiError', status: 200, retryable: false });
  });

  it('sends headers, top-level system, input_schema tools and tool_result blocks in one user turn', async () => {
    const requests = provider.reply(endpoint, { body: text });
    await model().generate({
      messages: conversationWithToolResults,
      tools: socTools,
      toolChoice: 'required',
      temperature: 0.2,
    });
    const [request] = requests;
    expect(request?.headers.get('x-api-key')).toBe(apiKey);
    expect(request?.headers.get('anthropic-version')).toBe('2023-06-01');
    expect(request?.headers.get('authorization')).toBeNull();
    expect(request?.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: 'You are a SOC triage analyst.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: alertText }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Checking the IP and the host.' },
            { type: 'tool_use', id: 'call_1', name: 'lookupIp', input: { ip: '203.0.113.7' } },
            { type: 'tool_use', id: 'call_2', name: 'getHostDetails', input: { hostId: 'fa3c2b1e9d8f4a67' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: '{"reputation":"suspicious"}' },
            {
              type: 'tool_result',
              tool_use_id: 'call_2',
              content: 'EDR returned 503: service unavailable',
              is_error: true,
            },
            { type: 'text', text: 'Decide on a verdict.' },
          ],
        },
      ],
      tools: [
        {
          name: 'lookupIp',
          description: 'Look up the reputation, geolocation and ASN of an IP address in threat intelligence.',
          input_schema: {
            type: 'object',
            properties: {
              ip: { type: 'string', description: 'IPv4 or IPv6 address' },
              includeHistory: { type: 'boolean', description: 'Include the last 90 days of sightings' },
            },
            required: ['ip'],
          },
        },
        expect.objectContaining({ name: 'getHostDetails' }),
        expect.objectContaining({ name: 'isolateHost' }),
      ],
      tool_choice: { type: 'any' },
      temperature: 0.2,
    });
  });

  it('maps tool choices to auto, any, none and tool', async () => {
    const requests = provider.reply(endpoint, { body: text });
    for (const toolChoice of ['auto', 'none', { tool: 'isolateHost' }] as const) {
      await model().generate({ ...ask, toolChoice });
    }
    expect(requests.map((request) => (request.body as { tool_choice: unknown }).tool_choice)).toEqual([
      { type: 'auto' },
      { type: 'none' },
      { type: 'tool', name: 'isolateHost' },
    ]);
  });
});
