import type { ModelToolCall, ModelToolDescription } from './model-adapter.js';
import { ModelBehaviorError } from './model-errors.js';

export interface ToolCallOrigin {
  /** The adapter's id. */
  model: string;
  toolName: string;
  toolCallId: string;
}

/**
 * Turns the arguments a provider sent into a value. Strings are parsed as JSON (an empty string means no
 * arguments, as some servers send for parameterless tools); already-decoded values pass through.
 * Text that is not JSON throws `ModelBehaviorError` with code `invalid-tool-arguments`.
 */
export function parseToolArguments(raw: unknown, origin: ToolCallOrigin): unknown {
  if (typeof raw !== 'string') return raw ?? {};
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new ModelBehaviorError(
      `Model ${origin.model} sent arguments for ${origin.toolName} (call ${origin.toolCallId}) that are not JSON`,
      { ...origin, code: 'invalid-tool-arguments', rawArguments: raw },
      { cause: error },
    );
  }
}

/** Throws `ModelBehaviorError` (`unknown-tool`) for the first call naming a tool the request did not offer. */
export function assertKnownTools(
  toolCalls: readonly ModelToolCall[],
  tools: readonly ModelToolDescription[] | undefined,
  model: string,
): void {
  const offered = new Set((tools ?? []).map((tool) => tool.name));
  for (const call of toolCalls) {
    if (!offered.has(call.name)) {
      const names = offered.size === 0 ? 'none were offered' : `offered: ${[...offered].join(', ')}`;
      throw new ModelBehaviorError(`Model ${model} called unknown tool "${call.name}" (${names})`, {
        model,
        code: 'unknown-tool',
        toolName: call.name,
        toolCallId: call.id,
      });
    }
  }
}
