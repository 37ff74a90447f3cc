import { openAICompatibleModel, type RetryOptions } from '@rampart/agents';
import type { ModelAdapter } from '@rampart/core';

/** Where the local model server is and which model it serves: the environment, else llama.cpp's defaults. */
export interface LocalModelSettings {
  /** The server's OpenAI-style root: llama.cpp `http://127.0.0.1:8080/v1`, Ollama `http://localhost:11434/v1`. */
  baseURL: string;
  /** The model name the server knows (`qwen2.5:14b-instruct` on Ollama; llama.cpp serves one and ignores it). */
  model: string;
  /** Only when the server was started with one (`llama-server --api-key`, `vllm serve --api-key`). */
  apiKey?: string;
}

export function localModelSettings(environment: Record<string, string | undefined> = process.env): LocalModelSettings {
  const apiKey = environment.RAMPART_MODEL_API_KEY;
  return {
    baseURL: environment.RAMPART_MODEL_BASE_URL ?? 'http://127.0.0.1:8080/v1',
    model: environment.RAMPART_MODEL ?? 'local-model',
    ...(apiKey !== undefined && apiKey !== '' && { apiKey }),
  };
}

/**
 * The model adapter for a local server. A server answers 503 while it loads the model, so calls get more retries
 * than the default; the adapter already copes with what such servers do differently from OpenAI (tool calls
 * without ids or written into the text, `<think>` blocks, no usage).
 */
export function localModel(
  settings: LocalModelSettings,
  retry: RetryOptions = { maxRetries: 4, initialDelayMs: 2_000 },
): ModelAdapter {
  return openAICompatibleModel({
    baseURL: settings.baseURL,
    model: settings.model,
    ...(settings.apiKey !== undefined && { apiKey: settings.apiKey }),
    provider: 'local',
    retry,
  });
}
