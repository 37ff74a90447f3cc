import type { ToolSet as RampartToolSet } from '@rampart/core';
import { type ToolSet as AiToolSet, tool } from 'ai';

/**
 * Rampart tools as Vercel AI SDK tools. A Rampart tool's `input` is a zod schema, which the AI SDK takes as it
 * is, and the tool itself validates, rate-limits and retries when `execute` calls it.
 */
export function toAiSdkTools(tools: RampartToolSet, options: { tenantId?: string } = {}): AiToolSet {
  return Object.fromEntries(
    Object.entries(tools).map(([name, rampartTool]) => [
      name,
      tool({
        description: rampartTool.description,
        inputSchema: rampartTool.input,
        execute: async (input, { abortSignal }) =>
          rampartTool(input, { ...options, ...(abortSignal ? { signal: abortSignal } : {}) }),
      }),
    ]),
  );
}
