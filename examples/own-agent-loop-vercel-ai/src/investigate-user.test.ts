import { createOktaMockVendor } from '@rampart/connector-okta/testing';
import { MockLanguageModelV3 } from 'ai/test';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { investigateUser } from './investigate-user.js';

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3['doGenerate']>>;
const usage = {
  inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 10, text: 10, reasoning: 0 },
};
const step = (content: GenerateResult['content'], unified: 'tool-calls' | 'stop'): GenerateResult => ({
  content,
  finishReason: { unified, raw: unified },
  usage,
  warnings: [],
});

const okta = createOktaMockVendor();
const server = setupServer(...okta.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('a host agent loop with Rampart tools (offline: scripted model, mocked Okta)', () => {
  it('runs the model-chosen Okta calls through the connector and validates their arguments', async () => {
    const replies = [
      step([{ type: 'tool-call', toolCallId: 'c1', toolName: 'getUser', input: '{"userId":"00u1"}' }], 'tool-calls'),
      step(
        [{ type: 'tool-call', toolCallId: 'c2', toolName: 'suspendUser', input: '{"userId":"00u1"}' }],
        'tool-calls',
      ),
      step([{ type: 'text', text: 'Suspended 00u1 after MFA fatigue.' }], 'stop'),
    ];
    const model = new MockLanguageModelV3({ doGenerate: async () => replies.shift()! });
    const result = await investigateUser({ model, oktaDomain: 'acme.okta.com', oktaToken: 'token', userId: '00u1' });
    expect(result.toolCalls).toEqual(['getUser', 'suspendUser']);
    expect(result.text).toBe('Suspended 00u1 after MFA fatigue.');
    expect(okta.requests.map((request) => request.operation)).toEqual(['getUser', 'suspendUser']);
    // The model saw the tools' JSON Schemas, derived from the connector's zod inputs.
    const offered = model.doGenerateCalls[0]!.tools!.map((tool) => tool.name);
    expect(offered).toEqual(['getUser', 'listUserFactors', 'listSystemLogEvents', 'suspendUser']);
  });
});
