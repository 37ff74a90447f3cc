export * from './models/anthropic-messages-model.js';
export type { HttpModelOptions } from './models/model-http.js';
export type { RetryOptions } from './models/model-retry.js';
export * from './models/openai-chat-model.js';
export * from './models/openai-compatible-model.js';
export * from './models/vercel-ai-model.js';
