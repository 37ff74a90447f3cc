import {
  assertKnownTools,
  type IdSource,
  type ModelFinishReason,
  type ModelMessage,
  type ModelRequest,
  type ModelResponse,
  type ModelToolCall,
  type ModelToolChoice,
  parseToolArguments,
} from '@rampart/core';
import { z } from 'zod';

/**
 * The Chat Completions wire format, shared by OpenAI and the servers that imitate it (Ollama, vLLM,
 * llama.cpp server, LM Studio). The strict schema is what OpenAI documents; the lenient one accepts what
 * local servers actually send.
 */

const usage = z
  .object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() })
  .nullish();

export const OpenAIChatCompletion = z.object({
  id: z.string(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable(),
          refusal: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().min(1),
                type: z.literal('function'),
                function: z.object({ name: z.string().min(1), arguments: z.string() }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string(),
      }),
    )
    .min(1),
  usage,
});

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

export const OpenAICompatibleChatCompletion = z.object({
  id: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.union([z.string(), z.array(contentPart)]).nullish(),
          refusal: z.string().nullish(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().nullish(),
                function: z.object({
                  name: z.string().min(1),
                  // Ollama and some llama.cpp builds send the arguments already decoded.
                  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
                }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() })
    .nullish()
    .catch(undefined),
});

type Completion = z.output<typeof OpenAIChatCompletion> | z.output<typeof OpenAICompatibleChatCompletion>;

export interface OpenAIChatDialect {
  /** The adapter's id, for errors. */
  model: string;
  /** OpenAI wants `max_completion_tokens`; local servers understand `max_tokens`. */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** The JSON Schema sent as `parameters`, and whether the tool is sent in strict mode. */
  toolParameters: (tool: NonNullable<ModelRequest['tools']>[number]) => { parameters: unknown; strict?: boolean };
  /** Maps parsed arguments back to the tool's own schema (strict mode sends `null` for absent fields). */
  normalizeArguments?: (toolName: string, value: unknown) => unknown;
  /** Local servers: missing ids, calls in the text, `<think>` blocks. */
  tolerant: boolean;
  /** Generates ids for tool calls that arrive without one. */
  ids: IdSource;
}

function toolCallsToWire(calls: readonly ModelToolCall[]) {
  return calls.map((call) => ({
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments ?? {}) },
  }));
}

function toOpenAIChatMessage(message: ModelMessage, dialect: OpenAIChatDialect) {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant' as const, content: message.content };
      // OpenAI documents `null` content beside tool calls; some local servers reject null, none reject ''.
      const content = message.content === '' && !dialect.tolerant ? null : message.content;
      return { role: 'assistant' as const, content, tool_calls: toolCallsToWire(calls) };
    }
    case 'tool':
      return { role: 'tool' as const, tool_call_id: message.toolCallId, content: message.content };
  }
}

export function toOpenAIChatMessages(messages: readonly ModelMessage[], dialect: OpenAIChatDialect) {
  return messages.map((message) => toOpenAIChatMessage(message, dialect));
}

export function toOpenAIToolChoice(choice: ModelToolChoice) {
  return typeof choice === 'string' ? choice : { type: 'function' as const, function: { name: choice.tool } };
}

export function toOpenAIChatBody(modelName: string, request: ModelRequest, dialect: OpenAIChatDialect) {
  const tools = request.tools ?? [];
  return {
    model: modelName,
    messages: toOpenAIChatMessages(request.messages, dialect),
    ...(tools.length > 0 && {
      tools: tools.map((tool) => ({
        type: 'function' as const,
        function: { name: tool.name, description: tool.description, ...dialect.toolParameters(tool) },
      })),
      tool_choice: toOpenAIToolChoice(request.toolChoice ?? 'auto'),
    }),
    ...(request.maxOutputTokens !== undefined && { [dialect.maxTokensField]: request.maxOutputTokens }),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
  };
}

const finishReasons: Record<string, ModelFinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

function textOf(content: Completion['choices'][number]['message']['content']): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => part.text ?? '').join('');
}

// Reasoning models served locally (DeepSeek-R1, Qwen3) put their chain of thought in the content.
const thinkBlock = /^\s*<think>[\s\S]*?<\/think>\s*/;

interface RecoveredCall {
  name: string;
  arguments: unknown;
}

function asRecoveredCall(value: unknown): RecoveredCall | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const inner = typeof record.function === 'object' && record.function !== null ? record.function : record;
  const { name, arguments: args, parameters } = inner as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return undefined;
  return { name, arguments: args ?? parameters ?? {} };
}

function parseLoosely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const toolCallElement = /<tool_call>([\s\S]*?)<\/tool_call>/g;

/**
 * Small local models often write their tool calls into the text instead of `tool_calls`: Hermes-style
 * `<tool_call>{...}</tool_call>` elements, or the whole content as `{"name": ..., "arguments"|"parameters": ...}`
 * (Llama 3.1), possibly in a code fence or as an array. With `wholeText`, elements count only when nothing
 * but whitespace surrounds them, so a model quoting an email that contains such markup is not taken for a call.
 */
export function toolCallsFromText(text: string, options: { wholeText: boolean }): RecoveredCall[] {
  const tagged = [...text.matchAll(toolCallElement)].map((match) =>
    asRecoveredCall(parseLoosely((match[1] ?? '').trim())),
  );
  if (tagged.length > 0) {
    if (options.wholeText && text.replace(toolCallElement, '').trim() !== '') return [];
    return tagged.every((call) => call !== undefined) ? tagged : [];
  }
  const unfenced = text
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  const whole = parseLoosely(unfenced);
  const candidates = Array.isArray(whole) ? whole : [whole];
  const calls = candidates.map(asRecoveredCall);
  return calls.length > 0 && calls.every((call) => call !== undefined) ? calls : [];
}

export function fromOpenAIChatCompletion(
  completion: Completion,
  request: ModelRequest,
  dialect: OpenAIChatDialect,
): ModelResponse {
  const choice = completion.choices[0]!;
  const { message } = choice;
  const rawFinishReason = choice.finish_reason ?? undefined;
  let text = textOf(message.content);
  if (dialect.tolerant) text = text.replace(thinkBlock, '');

  const origin = (name: string, id: string) => ({ model: dialect.model, toolName: name, toolCallId: id });
  const decode = (name: string, id: string, raw: unknown) => {
    const value = parseToolArguments(raw, origin(name, id));
    return dialect.normalizeArguments ? dialect.normalizeArguments(name, value) : value;
  };
  let toolCalls: ModelToolCall[] = (message.tool_calls ?? []).map((call) => {
    const id = call.id || dialect.ids.next('call');
    return { id, name: call.function.name, arguments: decode(call.function.name, id, call.function.arguments) };
  });

  if (dialect.tolerant && toolCalls.length === 0 && (request.tools?.length ?? 0) > 0) {
    const offered = new Set(request.tools?.map((tool) => tool.name));
    // A finish reason of `tool_calls` vouches for the text. Otherwise the text must be nothing but calls, and
    // only to offered tools, so an answer that quotes markup or happens to be JSON is not mistaken for a call.
    const announced = rawFinishReason === 'tool_calls';
    const recovered = toolCallsFromText(text, { wholeText: !announced });
    if (recovered.length > 0 && (announced || recovered.every((call) => offered.has(call.name)))) {
      toolCalls = recovered.map((call) => {
        const id = dialect.ids.next('call');
        return { id, name: call.name, arguments: decode(call.name, id, call.arguments) };
      });
      text = '';
    }
  }
  assertKnownTools(toolCalls, request.tools, dialect.model);

  let finishReason: ModelFinishReason;
  if (message.refusal) {
    finishReason = 'refusal';
    text = message.refusal;
    toolCalls = [];
  } else if (toolCalls.length > 0) {
    finishReason = 'tool-calls';
  } else if (rawFinishReason === 'tool_calls') {
    // The server announced calls and sent none we could read: the turn ended with text.
    finishReason = 'stop';
  } else {
    finishReason = (rawFinishReason && finishReasons[rawFinishReason]) || (rawFinishReason ? 'other' : 'stop');
  }

  const tokens = completion.usage;
  return {
    text,
    toolCalls,
    finishReason,
    usage: {
      ...(typeof tokens?.prompt_tokens === 'number' && { inputTokens: tokens.prompt_tokens }),
      ...(typeof tokens?.completion_tokens === 'number' && { outputTokens: tokens.completion_tokens }),
    },
    ...(rawFinishReason !== undefined && { rawFinishReason }),
    ...(completion.id ? { responseId: completion.id } : {}),
  };
}

/** OpenAI: `{ error: { message } }`; vLLM: `{ message }`; some servers: `{ error: "..." }` or `{ detail }`. */
export function openAIErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null) {
    const message = (error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  if (typeof record.message === 'string') return record.message;
  if (typeof record.detail === 'string') return record.detail;
  return undefined;
}

/** `insufficient_quota` arrives as a 429 but no wait will fix it. */
export function openAIRetryable(status: number, body: unknown): boolean | undefined {
  if (status !== 429 || typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: { code?: unknown; type?: unknown } }).error;
  if (error?.code === 'insufficient_quota' || error?.type === 'insufficient_quota') return false;
  return undefined;
}
