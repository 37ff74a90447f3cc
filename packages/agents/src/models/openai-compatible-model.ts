import { type IdSource, type ModelAdapter, type ModelRequest, randomIds } from '@rampart/core';
import { type HttpModelOptions, joinUrl, postJson } from './model-http.js';
import {
  fromOpenAIChatCompletion,
  OpenAICompatibleChatCompletion,
  type OpenAIChatDialect,
  openAIErrorMessage,
  toOpenAIChatBody,
} from './openai-chat-wire.js';

export interface OpenAICompatibleModelOptions extends HttpModelOptions {
  /** The server's OpenAI-style root, e.g. `http://localhost:11434/v1` (Ollama), `http://localhost:8000/v1` (vLLM). */
  baseURL: string;
  /** The model name the server knows, e.g. `llama3.1`, `qwen2.5:14b-instruct`. */
  model: string;
  /** Sent as a bearer token when the server wants one (vLLM `--api-key`, llama.cpp `--api-key`, gateways). */
  apiKey?: string;
  /** Ids for tool calls the server sends without one. Default random; inject `sequentialIds()` in tests. */
  ids?: IdSource;
  /** Names this adapter in timelines; default `openai-compatible`. */
  provider?: string;
}

/**
 * Any server that speaks the Chat Completions wire format: Ollama, vLLM, llama.cpp server, LM Studio,
 * LiteLLM. Tolerates what such servers do differently from OpenAI: tool calls without ids, arguments sent as
 * objects, tool calls written into the text (finish reason `tool_calls` but no `tool_calls`), `<think>`
 * blocks before the answer, no usage. Tools are sent as plain JSON Schema (no strict mode), and the output
 * limit as `max_tokens`.
 */
export function openAICompatibleModel(options: OpenAICompatibleModelOptions): ModelAdapter {
  const id = `${options.provider ?? 'openai-compatible'}:${options.model}`;
  const url = joinUrl(options.baseURL, 'chat/completions');
  const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
  const dialect: OpenAIChatDialect = {
    model: id,
    maxTokensField: 'max_tokens',
    tolerant: true,
    ids: options.ids ?? randomIds,
    toolParameters: (tool) => ({ parameters: tool.inputSchema }),
  };

  return {
    id,
    async generate(request: ModelRequest) {
      const completion = await postJson({
        model: id,
        url,
        headers,
        body: toOpenAIChatBody(options.model, request, dialect),
        schema: OpenAICompatibleChatCompletion,
        secrets: [options.apiKey],
        errorMessage: openAIErrorMessage,
        signal: request.signal,
        options,
      });
      return fromOpenAIChatCompletion(completion, request, dialect);
    },
  };
}
