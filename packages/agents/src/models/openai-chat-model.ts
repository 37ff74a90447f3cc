import {
  fromStrictArgumentsWithSchema,
  type JsonSchema,
  type ModelAdapter,
  type ModelRequest,
  randomIds,
  ToolExportError,
  toOpenAIStrictSchema,
} from '@rampart/core';
import { type HttpModelOptions, joinUrl, postJson } from './model-http.js';
import {
  fromOpenAIChatCompletion,
  OpenAIChatCompletion,
  type OpenAIChatDialect,
  openAIErrorMessage,
  openAIRetryable,
  toOpenAIChatBody,
} from './openai-chat-wire.js';

export interface OpenAIModelOptions extends HttpModelOptions {
  apiKey: string;
  /** e.g. `gpt-4.1`, `gpt-4.1-mini`, `o4-mini`. */
  model: string;
  /** Default `https://api.openai.com/v1`; point it at Azure OpenAI's v1 endpoint or a gateway. */
  baseURL?: string;
  organization?: string;
  project?: string;
}

/** The strict-mode form of a tool's input schema, or `undefined` when strict mode cannot express it. */
function strictSchemaOf(name: string, inputSchema: JsonSchema): JsonSchema | undefined {
  try {
    return toOpenAIStrictSchema(inputSchema, name);
  } catch (error) {
    if (ToolExportError.isInstance(error)) return undefined;
    throw error;
  }
}

/**
 * OpenAI Chat Completions with function calling. Tools go out in strict mode whenever their schema allows it
 * (so arguments always match the schema), otherwise as plain JSON Schema. The `null`s strict mode sends for
 * absent optional fields are removed before the arguments are returned.
 */
export function openAIModel(options: OpenAIModelOptions): ModelAdapter {
  const id = `openai:${options.model}`;
  const url = joinUrl(options.baseURL ?? 'https://api.openai.com/v1', 'chat/completions');
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.apiKey}`,
    ...(options.organization !== undefined && { 'openai-organization': options.organization }),
    ...(options.project !== undefined && { 'openai-project': options.project }),
  };

  return {
    id,
    async generate(request: ModelRequest) {
      // Original schemas of the tools sent strict, to undo strict mode's nulls in their arguments.
      const strictTools = new Map<string, JsonSchema>();
      const dialect: OpenAIChatDialect = {
        model: id,
        maxTokensField: 'max_completion_tokens',
        tolerant: false,
        // OpenAI always sends tool call ids (the strict response schema requires them).
        ids: randomIds,
        toolParameters(tool) {
          const strictSchema = strictSchemaOf(tool.name, tool.inputSchema);
          if (strictSchema === undefined) return { parameters: tool.inputSchema, strict: false };
          strictTools.set(tool.name, tool.inputSchema);
          return { parameters: strictSchema, strict: true };
        },
        normalizeArguments(toolName, value) {
          const schema = strictTools.get(toolName);
          return schema ? fromStrictArgumentsWithSchema(schema, value) : value;
        },
      };
      const completion = await postJson({
        model: id,
        url,
        headers,
        body: toOpenAIChatBody(options.model, request, dialect),
        schema: OpenAIChatCompletion,
        secrets: [options.apiKey],
        errorMessage: openAIErrorMessage,
        retryable: openAIRetryable,
        requestIdHeader: 'x-request-id',
        signal: request.signal,
        options,
      });
      return fromOpenAIChatCompletion(completion, request, dialect);
    },
  };
}
