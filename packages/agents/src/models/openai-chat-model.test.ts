import { inspect } from 'node:util';
import { defineTool, describeTools, ModelApiError, ModelBehaviorError, toOpenAITools } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import invalidArguments from './__fixtures__/openai-chat-invalid-arguments.json' with { type: 'json' };
import parallelToolCalls from './__fixtures__/openai-chat-parallel-tool-calls.json' with { type: 'json' };
import refusal from './__fixtures__/openai-chat-refusal.json' with { type: 'json' };
import text from './__fixtures__/openai-chat-text.json' with { type: 'json' };
import toolCall from './__fixtures__/openai-chat-tool-call.json' with { type: 'json' };
import unauthorized from './__fixtures__/openai-error-401.json' with { type: 'json' };
import rateLimited from './__fixtures__/openai-error-429.json' with { type: 'json' };
import quotaExceeded from './__fixtures__/openai-error-429-insufficient-quota.json' with { type: 'json' };
import { openAIModel } from './openai-chat-model.js';
import { recordingSleep, useProviderServer } from './provider-test-server.js';
import {
  alertText,
  conversationWithToolResults,
  getHostDetails,
  isolateHost,
  lookupIp,
  socTools,
} from './soc-test-tools.js';

const endpoint = 'https://api.openai.com/v1/chat/completions';
const apiKey = 'sk-test-rampart-0123456789abcdefFAKE';
const provider = useProviderServer();

function model(sleep = recordingSleep()) {
  return openAIModel({ apiKey, model: 'gpt-4.1', organization: 'org-Rampart0Test', retry: { sleep: sleep.sleep } });
}

const ask = { messages: [{ role: 'user' as const, content: alertText }], tools: socTools };

describe('openAIModel', () => {
  it('returns the text, finish reason, usage and response id of a plain answer', async () => {
    provider.reply(endpoint, { body: text });
    const response = await model().generate({ messages: [{ role: 'user', content: alertText }] });
    expect(response).toEqual({
      text: "The sign-in from 203.0.113.7 matches the user's travel itinerary and the device is managed. Verdict: benign.",
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 1187, outputTokens: 31 },
      rawFinishReason: 'stop',
      responseId: 'chatcmpl-CXn3xk7Yq0ZrT2m9fP8sLc1aD4eGh',
    });
  });

  it('parses one tool call and drops the null strict mode sent for an absent optional field', async () => {
    provider.reply(endpoint, { body: toolCall });
    const response = await model().generate(ask);
    expect(response.finishReason).toBe('tool-calls');
    expect(response.toolCalls).toEqual([
      { id: 'call_q3Lk9vXbN2mR7tYw1ZpE5sHd', name: 'lookupIp', arguments: { ip: '203.0.113.7' } },
    ]);
  });

  it('returns parallel tool calls in order', async () => {
    provider.reply(endpoint, { body: parallelToolCalls });
    const response = await model().generate(ask);
    expect(response.toolCalls).toEqual([
      { id: 'call_W8dJ2kR5nT1qX7vB4mZ9cL0s', name: 'lookupIp', arguments: { ip: '203.0.113.7', includeHistory: true } },
      { id: 'call_P6hF3yN8wQ2eR5tA1uK7jD4g', name: 'getHostDetails', arguments: { hostId: 'fa3c2b1e9d8f4a67' } },
    ]);
  });

  it('waits as long as retry-after-ms says after a 429, then succeeds', async () => {
    const requests = provider.reply(
      endpoint,
      {
        status: 429,
        body: rateLimited,
        headers: { 'retry-after-ms': '1198', 'retry-after': '2', 'x-request-id': 'req_1' },
      },
      { body: text },
    );
    const sleep = recordingSleep();
    const response = await model(sleep).generate(ask);
    expect(response.finishReason).toBe('stop');
    expect(requests).toHaveLength(2);
    expect(sleep.waits).toEqual([1198]);
  });

  it('does not retry a 429 for an exhausted quota, which no wait fixes', async () => {
    const requests = provider.reply(endpoint, { status: 429, body: quotaExceeded, headers: { 'retry-after': '1' } });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelApiError.isInstance(error) && error.retryable).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it('gives up after the configured retries of a 5xx and reports the last error', async () => {
    const requests = provider.reply(endpoint, {
      status: 500,
      body: { error: { message: 'The server had an error while processing your request.', type: 'server_error' } },
    });
    const sleep = recordingSleep();
    const error = await openAIModel({
      apiKey,
      model: 'gpt-4.1',
      retry: { sleep: sleep.sleep, maxRetries: 3, random: () => 0 },
    })
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelApiError.isInstance(error)).toBe(true);
    expect((error as ModelApiError).status).toBe(500);
    expect(requests).toHaveLength(4);
    // Exponential backoff with the jitter pinned to its lower bound.
    expect(sleep.waits).toEqual([500, 1000, 2000]);
  });

  it('throws a typed, non-retryable 401 that never contains the API key', async () => {
    // A gateway that echoes the key verbatim is the worst case; OpenAI itself masks it.
    const echoed = { error: { ...unauthorized.error, message: `Incorrect API key provided: ${apiKey}.` } };
    const requests = provider.reply(endpoint, { status: 401, body: echoed, headers: { 'x-request-id': 'req_401' } });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelApiError.isInstance(error)).toBe(true);
    const apiError = error as ModelApiError;
    expect(apiError).toMatchObject({ status: 401, retryable: false, fault: 'client', requestId: 'req_401' });
    expect(apiError.message).toContain('Incorrect API key provided: [REDACTED]');
    for (const rendering of [
      apiError.message,
      apiError.responseBody,
      inspect(apiError, { depth: 5 }),
      JSON.stringify(apiError),
    ]) {
      expect(rendering).not.toContain(apiKey);
    }
    expect(requests).toHaveLength(1);
  });

  it('throws ModelBehaviorError when the arguments are not JSON', async () => {
    provider.reply(endpoint, { body: invalidArguments });
    const error = await model()
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(ModelBehaviorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid-tool-arguments',
      toolName: 'getHostDetails',
      toolCallId: 'call_Z1xC2vB3nM4aS5dF6gH7jK8l',
      rawArguments: '{"hostId":"fa3c2b1e9d8f',
    });
  });

  it('throws ModelBehaviorError when the model calls a tool it was not given', async () => {
    provider.reply(endpoint, { body: toolCall });
    const error = await model()
      .generate({ ...ask, tools: socTools.filter((tool) => tool.name !== 'lookupIp') })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelBehaviorError', code: 'unknown-tool', toolName: 'lookupIp' });
  });

  it('reports a refusal as finish reason refusal with the explanation as text', async () => {
    provider.reply(endpoint, { body: refusal });
    const response = await model().generate(ask);
    expect(response).toMatchObject({
      finishReason: 'refusal',
      text: "I'm sorry, but I can't help with writing a working exploit for that vulnerability.",
      toolCalls: [],
    });
  });

  it('sends strict function tools and tool results in the Chat Completions format', async () => {
    const requests = provider.reply(endpoint, { body: text });
    await model().generate({
      messages: conversationWithToolResults,
      tools: socTools,
      toolChoice: { tool: 'lookupIp' },
      maxOutputTokens: 800,
      temperature: 0,
    });
    const [request] = requests;
    expect(request?.headers.get('authorization')).toBe(`Bearer ${apiKey}`);
    expect(request?.headers.get('openai-organization')).toBe('org-Rampart0Test');
    expect(request?.body).toEqual({
      model: 'gpt-4.1',
      messages: [
        { role: 'system', content: 'You are a SOC triage analyst.' },
        { role: 'user', content: alertText },
        {
          role: 'assistant',
          content: 'Checking the IP and the host.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'lookupIp', arguments: '{"ip":"203.0.113.7"}' } },
            {
              id: 'call_2',
              type: 'function',
              function: { name: 'getHostDetails', arguments: '{"hostId":"fa3c2b1e9d8f4a67"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '{"reputation":"suspicious"}' },
        { role: 'tool', tool_call_id: 'call_2', content: 'EDR returned 503: service unavailable' },
        { role: 'user', content: 'Decide on a verdict.' },
      ],
      tools: [
        {
          type: 'function',
          function: {
            name: 'lookupIp',
            description: 'Look up the reputation, geolocation and ASN of an IP address in threat intelligence.',
            parameters: {
              type: 'object',
              properties: {
                ip: { type: 'string', description: 'IPv4 or IPv6 address' },
                includeHistory: { type: ['boolean', 'null'], description: 'Include the last 90 days of sightings' },
              },
              required: ['ip', 'includeHistory'],
              additionalProperties: false,
            },
            strict: true,
          },
        },
        expect.objectContaining({ function: expect.objectContaining({ name: 'getHostDetails', strict: true }) }),
        expect.objectContaining({ function: expect.objectContaining({ name: 'isolateHost', strict: true }) }),
      ],
      tool_choice: { type: 'function', function: { name: 'lookupIp' } },
      max_completion_tokens: 800,
      temperature: 0,
    });
  });

  it('sends tools exactly as core toOpenAITools exports them, falling back to non-strict per tool', async () => {
    const tagHost = defineTool({
      name: 'tagHost',
      description: 'Attach free-form labels to an EDR host record.',
      input: z.object({ hostId: z.string(), labels: z.record(z.string(), z.string()), note: z.string().optional() }),
      output: z.object({ ok: z.boolean() }),
      risk: 'write',
      idempotent: true,
      execute: async () => ({ ok: true }),
    });
    const tools = [lookupIp, getHostDetails, isolateHost, tagHost];
    const requests = provider.reply(endpoint, {
      body: {
        ...toolCall,
        choices: [
          {
            ...toolCall.choices[0],
            message: {
              ...toolCall.choices[0]!.message,
              tool_calls: [
                {
                  id: 'call_tag',
                  type: 'function',
                  function: { name: 'tagHost', arguments: '{"hostId":"h-1","labels":{},"note":null}' },
                },
              ],
            },
          },
        ],
      },
    });
    const response = await model().generate({ ...ask, tools: describeTools(tools) });
    const sent = (requests[0]!.body as { tools: Array<{ function: { strict: boolean } }> }).tools;
    expect(sent).toEqual(toOpenAITools(tools, { fallback: 'non-strict' }));
    expect(sent.at(-1)?.function.strict).toBe(false);
    // A non-strict tool's arguments are returned as the model sent them.
    expect(response.toolCalls[0]?.arguments).toEqual({ hostId: 'h-1', labels: {}, note: null });
  });

  it('reports an unreachable endpoint as a retryable error without a status', async () => {
    const failingFetch = async () => {
      throw new TypeError('fetch failed');
    };
    const sleep = recordingSleep();
    const error = await openAIModel({ apiKey, model: 'gpt-4.1', fetch: failingFetch, retry: { sleep: sleep.sleep } })
      .generate(ask)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'ModelApiError', status: undefined, retryable: true });
    expect(sleep.waits).toHaveLength(2);
  });

  it('rejects with the abort reason and does not retry once the signal aborts', async () => {
    const requests = provider.reply(endpoint, { status: 503, body: { error: { message: 'Service Unavailable' } } });
    const controller = new AbortController();
    const sleep = async () => controller.abort(new Error('case closed by analyst'));
    const error = await openAIModel({ apiKey, model: 'gpt-4.1', retry: { sleep } })
      .generate({ ...ask, signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toEqual(new Error('case closed by analyst'));
    expect(requests).toHaveLength(1);
  });
});
