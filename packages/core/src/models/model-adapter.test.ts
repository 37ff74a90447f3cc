import { describe, expect, it } from 'vitest';
import { defineTool } from '../tools/define-tool.js';
import { ModelMessage, ModelResponse } from './model-adapter.js';
import { describeTools } from './tool-descriptions.js';
import { z } from 'zod';

describe('model contract schemas', () => {
  it('accept a conversation with tool calls and results, and reject a result without its call id', () => {
    const conversation = [
      { role: 'system', content: 'You are a SOC analyst.' },
      { role: 'user', content: 'Triage this alert.' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'call_1', name: 'lookupIp', arguments: { ip: '203.0.113.7' } }],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'lookupIp', content: '{"reputation":"benign"}' },
    ];
    expect(z.array(ModelMessage).parse(conversation)).toEqual(conversation);
    expect(ModelMessage.safeParse({ role: 'tool', toolName: 'lookupIp', content: 'x' }).success).toBe(false);
  });

  it('accept a response whose calls carry arbitrary JSON arguments', () => {
    const response = {
      text: '',
      toolCalls: [{ id: 'call_1', name: 'lookupIp', arguments: { ip: '203.0.113.7' } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 12 },
    };
    expect(ModelResponse.parse(response)).toEqual(response);
  });
});

describe('describeTools', () => {
  it('describes each tool by name, description and the JSON Schema of its input', () => {
    const suspendUser = defineTool({
      name: 'suspendUser',
      description: 'Suspend an identity provider user so they cannot sign in.',
      input: z.object({ userId: z.string().min(1), notify: z.boolean().default(false) }),
      output: z.object({ status: z.string() }),
      risk: 'contain',
      idempotent: true,
      execute: async () => ({ status: 'SUSPENDED' }),
    });
    expect(describeTools({ suspendUser })).toEqual([
      {
        name: 'suspendUser',
        description: 'Suspend an identity provider user so they cannot sign in.',
        inputSchema: {
          type: 'object',
          properties: { userId: { type: 'string', minLength: 1 }, notify: { type: 'boolean', default: false } },
          required: ['userId'],
        },
      },
    ]);
  });
});
