import { ModelApiError, ModelBehaviorError } from '@rampart/core';
import { APICallError } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { recordingSleep } from './provider-test-server.js';
import { alertText, conversationWithToolResults, socTools } from './soc-test-tools.js';
import { vercelAIModel } from './vercel-ai-model.js';

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;

function result(content: GenerateResult['content'], unified: GenerateResult['finishReason']['unified'], raw: string) {
  return {
    content,
    finishReason: { unified, raw },
    usage: {
      inputTokens: { total: 640, noCache: 640, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 42, text: 42, reasoning: 0 },
    },
    response: { id: 'resp_68a1f0c2', modelId: 'gpt-4.1-2025-04-14', timestamp: new Date(Date.UTC(2026, 10, 27)) },
    warnings: [],
  } satisfies GenerateResult;
}

const ask = { messages: [{ role: 'user' as const, content: alertText }], tools: socTools };

function apiCallError(statusCode: number, responseHeaders: Record<string, string> = {}) {
  return new APICallError({
    message: statusCode === 429 ? 'Rate limit reached for gpt-4.1' : 'Incorrect API key provided',
    url: 'https://api.openai.com/v1/responses',
    requestBodyValues: {},
    statusCode,
    responseHeaders,
    responseBody: '{"error":{"message":"..."}}',
    isRetryable: statusCode === 429 || statusCode >= 500,
  });
}

describe('vercelAIModel', () => {
  it('names itself after the provider and model, and returns a plain answer', async () => {
    const languageModel = new MockLanguageModelV3({
      provider: 'openai.responses',
      modelId: 'gpt-4.1',
      doGenerate: result([{ type: 'text', text: 'Verdict: benign.' }], 'stop', 'completed'),
    });
    const model = vercelAIModel(languageModel);
    expect(model.id).toBe('openai.responses:gpt-4.1');
    expect(await model.generate(ask)).toEqual({
      text: 'Verdict: benign.',
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 640, outputTokens: 42 },
      rawFinishReason: 'completed',
      responseId: 'resp_68a1f0c2',
    });
  });

  it('parses one tool call from its JSON-encoded input', async () => {
    const languageModel = new MockLanguageModelV3({
      doGenerate: result(
        [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'lookupIp', input: '{"ip":"203.0.113.7"}' }],
        'tool-calls',
        'tool_calls',
      ),
    });
    const response = await vercelAIModel(languageModel).generate(ask);
    expect(response).toMatchObject({
      finishReason: 'tool-calls',
      toolCalls: [{ id: 'call_1', name: 'lookupIp', arguments: { ip: '203.0.113.7' } }],
    });
  });

  it('returns parallel tool calls and leaves provider-executed ones out', async () => {
    const languageModel = new MockLanguageModelV3({
      doGenerate: result(
        [
          { type: 'reasoning', text: 'Two lookups at once.' },
          { type: 'tool-call', toolCallId: 'ws_1', toolName: 'web_search', input: '{}', providerExecuted: true },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookupIp', input: '{"ip":"203.0.113.7"}' },
          {
            type: 'tool-call',
            toolCallId: 'call_2',
            toolName: 'getHostDetails',
            input: '{"hostId":"fa3c2b1e9d8f4a67"}',
          },
        ],
        'tool-calls',
        'tool_use',
      ),
    });
    const response = await vercelAIModel(languageModel).generate(ask);
    expect(response.toolCalls.map((call) => call.id)).toEqual(['call_1', 'call_2']);
  });

  it('retries an APICallError 429 after its retry-after, then succeeds', async () => {
    let calls = 0;
    const languageModel = new MockLanguageModelV3({
      doGenerate: async () => {
        calls++;
        if (calls === 1) throw apiCallError(429, { 'retry-after': '2' });
        return result([{ type: 'text', text: 'done' }], 'stop', 'stop');
      },
    });
    const sleep = recordingSleep();
    const response = await vercelAIModel(languageModel, { retry: { sleep: sleep.sleep } }).generate(ask);
    expect(response.text).toBe('done');
    expect(calls).toBe(2);
    expect(sleep.waits).toEqual([2000]);
  });

  it('turns an APICallError 401 into a non-retryable ModelApiError', async () => {
    const languageModel = new MockLanguageModelV3({
      doGenerate: async () => {
        throw apiCallError(401, { 'x-request-id': 'req_abc' });
      },
    });
    const sleep = recordingSleep();
    const error = await vercelAIModel(languageModel, { retry: { sleep: sleep.sleep } })
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, retryable: false, fault: 'client', requestId: 'req_abc' });
    expect(sleep.waits).toEqual([]);
  });

  it('wraps any other failure as a non-retryable ModelApiError that keeps the cause', async () => {
    const failure = new Error('socket hang up');
    const languageModel = new MockLanguageModelV3({
      doGenerate: async () => {
        throw failure;
      },
    });
    const error = await vercelAIModel(languageModel)
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelApiError', retryable: false, cause: failure });
  });

  it('throws ModelBehaviorError for arguments that are not JSON and for unknown tools', async () => {
    const broken = new MockLanguageModelV3({
      doGenerate: result(
        [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'getHostDetails', input: '{"hostId":' }],
        'length',
        'max_tokens',
      ),
    });
    const invalid = await vercelAIModel(broken)
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelBehaviorError.isInstance(invalid)).toBe(true);
    expect(invalid).toMatchObject({ code: 'invalid-tool-arguments', rawArguments: '{"hostId":' });

    const unknown = new MockLanguageModelV3({
      doGenerate: result(
        [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'deleteMailbox', input: '{}' }],
        'tool-calls',
        'tool_calls',
      ),
    });
    const unknownError = await vercelAIModel(unknown)
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(unknownError).toMatchObject({ name: 'ModelBehaviorError', code: 'unknown-tool', toolName: 'deleteMailbox' });
  });

  it('passes the conversation, tools and settings to doGenerate in the v3 prompt format', async () => {
    const languageModel = new MockLanguageModelV3({
      doGenerate: result([{ type: 'text', text: 'ok' }], 'stop', 'stop'),
    });
    const controller = new AbortController();
    await vercelAIModel(languageModel).generate({
      messages: conversationWithToolResults,
      tools: socTools,
      toolChoice: { tool: 'getHostDetails' },
      maxOutputTokens: 300,
      temperature: 0,
      signal: controller.signal,
    });
    const [call] = languageModel.doGenerateCalls;
    expect(call).toMatchObject({
      maxOutputTokens: 300,
      temperature: 0,
      abortSignal: controller.signal,
      toolChoice: { type: 'tool', toolName: 'getHostDetails' },
    });
    expect(call?.tools?.[0]).toEqual({
      type: 'function',
      name: 'lookupIp',
      description: 'Look up the reputation, geolocation and ASN of an IP address in threat intelligence.',
      inputSchema: socTools[0]?.inputSchema,
    });
    expect(call?.prompt).toEqual([
      { role: 'system', content: 'You are a SOC triage analyst.' },
      { role: 'user', content: [{ type: 'text', text: alertText }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking the IP and the host.' },
          { type: 'tool-call', toolCallId: 'call_1', toolName: 'lookupIp', input: { ip: '203.0.113.7' } },
          {
            type: 'tool-call',
            toolCallId: 'call_2',
            toolName: 'getHostDetails',
            input: { hostId: 'fa3c2b1e9d8f4a67' },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_1',
            toolName: 'lookupIp',
            output: { type: 'text', value: '{"reputation":"suspicious"}' },
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'call_2',
            toolName: 'getHostDetails',
            output: { type: 'error-text', value: 'EDR returned 503: service unavailable' },
          },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Decide on a verdict.' }] },
    ]);
  });
});
