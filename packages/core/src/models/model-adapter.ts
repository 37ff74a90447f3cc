import { z } from 'zod';

/**
 * The provider-neutral contract between Rampart's agent loop and a language model. Adapters (OpenAI,
 * Anthropic, OpenAI-compatible local servers, Vercel AI SDK, scripted test models) translate it to and from
 * their wire format; nothing above this contract knows which provider answered.
 *
 * Treat it as a spec: every field added here is a field every adapter must honour.
 */

/** A call the model asks the host to make. `arguments` is already parsed JSON (usually an object). */
export const ModelToolCall = z.object({
  /** Provider-assigned (or adapter-generated) id; the matching tool message echoes it. */
  id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.unknown(),
});
export type ModelToolCall = z.infer<typeof ModelToolCall>;

/** Instructions from the host. Adapters whose API has one system prompt join them in order. */
export const SystemMessage = z.object({ role: z.literal('system'), content: z.string() });
export type SystemMessage = z.infer<typeof SystemMessage>;

/** Input from the host or an analyst. Wrap alert, email or any vendor content with `markUntrusted`. */
export const UserMessage = z.object({ role: z.literal('user'), content: z.string() });
export type UserMessage = z.infer<typeof UserMessage>;

/** A previous model turn, replayed verbatim: its text and the tool calls it made. */
export const AssistantMessage = z.object({
  role: z.literal('assistant'),
  content: z.string(),
  toolCalls: z.array(ModelToolCall).optional(),
});
export type AssistantMessage = z.infer<typeof AssistantMessage>;

/** The result of one tool call, answering the assistant tool call with the same id. */
export const ToolResultMessage = z.object({
  role: z.literal('tool'),
  toolCallId: z.string().min(1),
  toolName: z.string().min(1),
  /** What the model reads: serialized output, or what went wrong. Vendor data belongs in `markUntrusted`. */
  content: z.string(),
  /** The call failed or was denied; sent as the provider's error flag where it has one. */
  isError: z.boolean().optional(),
});
export type ToolResultMessage = z.infer<typeof ToolResultMessage>;

export const ModelMessage = z.discriminatedUnion('role', [
  SystemMessage,
  UserMessage,
  AssistantMessage,
  ToolResultMessage,
]);
export type ModelMessage = z.infer<typeof ModelMessage>;

/** A JSON Schema object (draft 2020-12 subset that model APIs accept). */
export type JsonSchema = Record<string, unknown>;

/** A tool as a model sees it. Produce these from core `Tool`s with `describeTools`, never by hand. */
export interface ModelToolDescription {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  inputSchema: JsonSchema;
}

/**
 * `auto`: the model decides; `none`: no tool calls; `required`: at least one tool call;
 * `{ tool }`: exactly this tool.
 */
export type ModelToolChoice = 'auto' | 'none' | 'required' | { tool: string };

export interface ModelRequest {
  messages: readonly ModelMessage[];
  /** Tools the model may call; a call to any other name is a `ModelBehaviorError`. */
  tools?: readonly ModelToolDescription[];
  /** Defaults to `auto` when tools are given. */
  toolChoice?: ModelToolChoice;
  maxOutputTokens?: number;
  temperature?: number;
  /** Aborts the request (and any retry wait); the adapter rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Why the model stopped. `tool-calls` whenever `toolCalls` is not empty (whatever the provider said);
 * `refusal` when the model declined, with its explanation in `text`.
 */
export const ModelFinishReason = z.enum(['stop', 'tool-calls', 'length', 'content-filter', 'refusal', 'other']);
export type ModelFinishReason = z.infer<typeof ModelFinishReason>;

/** Token counts, when the provider reports them (local servers often do not). */
export const ModelUsage = z.object({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
});
export type ModelUsage = z.infer<typeof ModelUsage>;

export const ModelResponse = z.object({
  /** The model's text; empty when it only called tools. */
  text: z.string(),
  /** Every call names a tool from the request and carries parsed JSON arguments. */
  toolCalls: z.array(ModelToolCall),
  finishReason: ModelFinishReason,
  usage: ModelUsage,
  /** The provider's own finish reason, for logs and `other`. */
  rawFinishReason: z.string().optional(),
  /** The provider's id of the response, for support requests. */
  responseId: z.string().optional(),
});
export type ModelResponse = z.infer<typeof ModelResponse>;

/** A language model behind one method. Adapters throw `ModelApiError` and `ModelBehaviorError`. */
export interface ModelAdapter {
  /** `provider:model`, e.g. `openai:gpt-4.1`; recorded on timelines and audit leaves. */
  readonly id: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
}
