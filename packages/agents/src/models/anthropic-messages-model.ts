import {
  assertKnownTools,
  type ModelAdapter,
  type ModelFinishReason,
  type ModelMessage,
  type ModelRequest,
  type ModelResponse,
  type ModelToolCall,
  type ModelToolChoice,
  parseToolArguments,
} from '@rampart/core';
import { z } from 'zod';
import { type HttpModelOptions, joinUrl, postJson } from './model-http.js';

export interface AnthropicModelOptions extends HttpModelOptions {
  apiKey: string;
  /** e.g. `claude-sonnet-4-5`, `claude-haiku-4-5`. */
  model: string;
  /** Default `https://api.anthropic.com/v1`. */
  baseURL?: string;
  /** The Messages API requires an output limit; used when a request sets none. Default 4096. */
  defaultMaxOutputTokens?: number;
  /** Default `2023-06-01`. */
  anthropicVersion?: string;
}

const TextBlock = z.object({ type: z.literal('text'), text: z.string() });
const ToolUseBlock = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
});
// Thinking, redacted thinking and server tool blocks carry nothing the contract has a place for.
const OtherBlock = z
  .looseObject({ type: z.string() })
  .refine((block) => block.type !== 'text' && block.type !== 'tool_use', 'malformed text or tool_use block');
type ContentBlock = z.output<typeof TextBlock> | z.output<typeof ToolUseBlock> | z.output<typeof OtherBlock>;
const isText = (block: ContentBlock): block is z.output<typeof TextBlock> => block.type === 'text';
const isToolUse = (block: ContentBlock): block is z.output<typeof ToolUseBlock> => block.type === 'tool_use';

export const AnthropicMessage = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  content: z.array(z.union([TextBlock, ToolUseBlock, OtherBlock])),
  stop_reason: z.string().nullable(),
  usage: z.looseObject({
    input_tokens: z.number().int().nonnegative(),
    output_tokens: z.number().int().nonnegative(),
    cache_creation_input_tokens: z.number().int().nonnegative().nullish(),
    cache_read_input_tokens: z.number().int().nonnegative().nullish(),
  }),
});

type RequestBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string; is_error?: true };

interface WireMessage {
  role: 'user' | 'assistant';
  content: RequestBlock[];
}

/**
 * System messages become the top-level `system`; tool results become `tool_result` blocks in a user turn;
 * consecutive turns of one role are merged, because the API wants user and assistant turns to alternate
 * (tool results first, then any text, as the API requires).
 */
export function toAnthropicMessages(messages: readonly ModelMessage[]): { system?: string; messages: WireMessage[] } {
  const system: string[] = [];
  const turns: WireMessage[] = [];
  const push = (role: WireMessage['role'], content: RequestBlock[]) => {
    if (content.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) last.content.push(...content);
    else turns.push({ role, content });
  };
  for (const message of messages) {
    switch (message.role) {
      case 'system':
        system.push(message.content);
        break;
      case 'user':
        push('user', [{ type: 'text', text: message.content }]);
        break;
      case 'assistant':
        push('assistant', [
          // The API rejects empty text blocks.
          ...(message.content === '' ? [] : [{ type: 'text' as const, text: message.content }]),
          ...(message.toolCalls ?? []).map((call) => ({
            type: 'tool_use' as const,
            id: call.id,
            name: call.name,
            input: call.arguments ?? {},
          })),
        ]);
        break;
      case 'tool':
        push('user', [
          {
            type: 'tool_result',
            tool_use_id: message.toolCallId,
            content: message.content,
            ...(message.isError && { is_error: true as const }),
          },
        ]);
        break;
    }
  }
  return { ...(system.length > 0 && { system: system.join('\n\n') }), messages: turns };
}

export function toAnthropicToolChoice(choice: ModelToolChoice) {
  if (typeof choice !== 'string') return { type: 'tool' as const, name: choice.tool };
  return { type: choice === 'required' ? ('any' as const) : choice };
}

const stopReasons: Record<string, ModelFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool-calls',
  refusal: 'refusal',
};

function finishReasonOf(stopReason: string | undefined, hasToolCalls: boolean): ModelFinishReason {
  if (hasToolCalls) return 'tool-calls';
  if (stopReason === undefined || stopReason === 'tool_use') return 'stop';
  return stopReasons[stopReason] ?? 'other';
}

function anthropicErrorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { type?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.message !== 'string') return undefined;
  return typeof error.type === 'string' ? `${error.type}: ${error.message}` : error.message;
}

/** The Anthropic Messages API (`POST /v1/messages`) with client tools. */
export function anthropicModel(options: AnthropicModelOptions): ModelAdapter {
  const id = `anthropic:${options.model}`;
  const url = joinUrl(options.baseURL ?? 'https://api.anthropic.com/v1', 'messages');
  const headers = { 'x-api-key': options.apiKey, 'anthropic-version': options.anthropicVersion ?? '2023-06-01' };

  return {
    id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const tools = request.tools ?? [];
      const { system, messages } = toAnthropicMessages(request.messages);
      const body = {
        model: options.model,
        max_tokens: request.maxOutputTokens ?? options.defaultMaxOutputTokens ?? 4096,
        ...(system !== undefined && { system }),
        messages,
        ...(tools.length > 0 && {
          tools: tools.map((tool) => ({
            name: tool.name,
            description: tool.description,
            input_schema: tool.inputSchema,
          })),
          tool_choice: toAnthropicToolChoice(request.toolChoice ?? 'auto'),
        }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
      };
      const message = await postJson({
        model: id,
        url,
        headers,
        body,
        schema: AnthropicMessage,
        secrets: [options.apiKey],
        errorMessage: anthropicErrorMessage,
        requestIdHeader: 'request-id',
        signal: request.signal,
        options,
      });

      let text = '';
      const toolCalls: ModelToolCall[] = [];
      for (const block of message.content) {
        if (isText(block)) text += block.text;
        else if (isToolUse(block)) {
          // `input` is an object on Anthropic itself; some compatible gateways send it as a JSON string.
          const origin = { model: id, toolName: block.name, toolCallId: block.id };
          toolCalls.push({ id: block.id, name: block.name, arguments: parseToolArguments(block.input, origin) });
        }
      }
      assertKnownTools(toolCalls, request.tools, id);
      const rawFinishReason = message.stop_reason ?? undefined;
      const { usage } = message;
      return {
        text,
        toolCalls,
        finishReason: finishReasonOf(rawFinishReason, toolCalls.length > 0),
        usage: {
          // `input_tokens` counts only what was neither read from nor written to the prompt cache.
          inputTokens:
            usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
          outputTokens: usage.output_tokens,
        },
        ...(rawFinishReason !== undefined && { rawFinishReason }),
        responseId: message.id,
      };
    },
  };
}
