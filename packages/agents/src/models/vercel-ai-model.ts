import {
  assertKnownTools,
  type ModelAdapter,
  type ModelApiErrorDetails,
  ModelApiError,
  type ModelFinishReason,
  type ModelMessage,
  type ModelRequest,
  type ModelResponse,
  type ModelToolCall,
  parseToolArguments,
  RampartError,
} from '@rampart/core';
// Types only: `ai` is an optional peer dependency, and nothing here may load it at run time.
import type { JSONSchema7, LanguageModel } from 'ai';
import { abortReason, type RetryOptions, retryAfterMilliseconds, withRetry } from './model-retry.js';

/** A Vercel AI SDK model that implements the v3 language model specification (`ai` 6). */
export type LanguageModelV3 = Extract<LanguageModel, { specificationVersion: 'v3' }>;
type CallOptions = Parameters<LanguageModelV3['doGenerate']>[0];
type Prompt = CallOptions['prompt'];

export interface VercelAIModelOptions {
  /** `doGenerate` does not retry (only `generateText` does), so this adapter does. */
  retry?: RetryOptions;
}

function toVercelAIMessage(message: ModelMessage): Prompt[number] {
  switch (message.role) {
    case 'system':
      return { role: 'system', content: message.content };
    case 'user':
      return { role: 'user', content: [{ type: 'text', text: message.content }] };
    case 'assistant':
      return {
        role: 'assistant',
        content: [
          ...(message.content === '' ? [] : [{ type: 'text' as const, text: message.content }]),
          ...(message.toolCalls ?? []).map((call) => ({
            type: 'tool-call' as const,
            toolCallId: call.id,
            toolName: call.name,
            input: call.arguments ?? {},
          })),
        ],
      };
    case 'tool':
      return {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: message.toolCallId,
            toolName: message.toolName,
            output: { type: message.isError ? 'error-text' : 'text', value: message.content },
          },
        ],
      };
  }
}

export function toVercelAIPrompt(messages: readonly ModelMessage[]): Prompt {
  return messages.map(toVercelAIMessage);
}

const finishReasons: Record<string, ModelFinishReason> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content-filter',
  'tool-calls': 'tool-calls',
};

interface ApiCallErrorShape {
  message: string;
  url?: string;
  statusCode?: number;
  isRetryable?: boolean;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
}

// Recognised by shape, like the SDK's own `APICallError.isInstance`, so no copy of `ai` needs loading.
function isApiCallError(error: unknown): error is ApiCallErrorShape {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'AI_APICallError' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function toModelError(error: unknown, model: string, retry: RetryOptions | undefined): unknown {
  if (RampartError.isInstance(error)) return error;
  if (isApiCallError(error)) {
    const headers = new Headers(error.responseHeaders ?? {});
    const details: ModelApiErrorDetails = {
      model,
      ...(error.statusCode !== undefined && { status: error.statusCode }),
      ...(error.isRetryable !== undefined && { retryable: error.isRetryable }),
      ...(error.url !== undefined && { url: error.url }),
      retryAfterMs: retryAfterMilliseconds(headers, retry?.clock),
      requestId: headers.get('x-request-id') ?? headers.get('request-id') ?? undefined,
      responseBody: error.responseBody?.slice(0, 2_000),
    };
    return new ModelApiError(`${model}: ${error.message}`, details, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ModelApiError(`${model} failed: ${message}`, { model, retryable: false }, { cause: error });
}

/**
 * Any Vercel AI SDK language model (`@ai-sdk/openai`, `@ai-sdk/anthropic`, `@ai-sdk/google`, Bedrock, a
 * gateway, `MockLanguageModelV3` ...), called through its `doGenerate`.
 */
export function vercelAIModel(languageModel: LanguageModelV3, options: VercelAIModelOptions = {}): ModelAdapter {
  const id = `${languageModel.provider}:${languageModel.modelId}`;
  return {
    id,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const tools = request.tools ?? [];
      const choice = request.toolChoice ?? 'auto';
      const callOptions: CallOptions = {
        prompt: toVercelAIPrompt(request.messages),
        ...(tools.length > 0 && {
          tools: tools.map((tool) => ({
            type: 'function' as const,
            name: tool.name,
            description: tool.description,
            inputSchema: tool.inputSchema as JSONSchema7,
          })),
          toolChoice: typeof choice === 'string' ? { type: choice } : { type: 'tool', toolName: choice.tool },
        }),
        ...(request.maxOutputTokens !== undefined && { maxOutputTokens: request.maxOutputTokens }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.signal !== undefined && { abortSignal: request.signal }),
      };
      const result = await withRetry(
        async () => {
          try {
            return await languageModel.doGenerate(callOptions);
          } catch (error) {
            if (request.signal?.aborted) throw abortReason(request.signal);
            throw toModelError(error, id, options.retry);
          }
        },
        options.retry,
        request.signal,
      );

      let text = '';
      const toolCalls: ModelToolCall[] = [];
      for (const part of result.content) {
        if (part.type === 'text') text += part.text;
        // Provider-executed tools (web search, code execution) ran at the provider; they are not ours to call.
        else if (part.type === 'tool-call' && !part.providerExecuted) {
          const origin = { model: id, toolName: part.toolName, toolCallId: part.toolCallId };
          toolCalls.push({
            id: part.toolCallId,
            name: part.toolName,
            arguments: parseToolArguments(part.input, origin),
          });
        }
      }
      assertKnownTools(toolCalls, request.tools, id);
      const { unified, raw } = result.finishReason;
      const { inputTokens, outputTokens } = result.usage;
      return {
        text,
        toolCalls,
        finishReason:
          toolCalls.length > 0 ? 'tool-calls' : unified === 'tool-calls' ? 'stop' : (finishReasons[unified] ?? 'other'),
        usage: {
          ...(inputTokens.total !== undefined && { inputTokens: inputTokens.total }),
          ...(outputTokens.total !== undefined && { outputTokens: outputTokens.total }),
        },
        ...(raw !== undefined && { rawFinishReason: raw }),
        ...(result.response?.id !== undefined && { responseId: result.response.id }),
      };
    },
  };
}
