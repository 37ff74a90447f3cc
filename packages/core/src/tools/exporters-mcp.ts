import type { JsonSchema } from '../models/model-adapter.js';
import {
  modelInputSchema,
  type ToolsInput,
  toJsonSchema,
  ToolExportError,
  toolTitle,
  uniqueTools,
} from './exporters.js';

/** Tool annotations as MCP defines them (hints for clients; never a security boundary). */
export interface McpToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
}

/** A tool as an MCP server lists it in a `tools/list` result. */
export interface McpTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchema;
  outputSchema?: JsonSchema;
  annotations: McpToolAnnotations;
}

export interface McpToolsOptions {
  /**
   * Also list each tool's `outputSchema`. Off by default: a server that lists one must return matching
   * `structuredContent` from every call, which is the MCP server's choice, not the exporter's.
   */
  outputSchema?: boolean;
}

/**
 * Exports tools for an MCP server's `tools/list`. Annotations come from the tool's risk: `readOnlyHint` for
 * `read`, `destructiveHint` for `contain` and `destructive`, `idempotentHint` from `idempotent`; the title from the name.
 */
export function toMcpTools(tools: ToolsInput, options: McpToolsOptions = {}): McpTool[] {
  return uniqueTools(tools).map((tool) => {
    const title = toolTitle(tool.name);
    const exported: McpTool = {
      name: tool.name,
      title,
      description: tool.description,
      inputSchema: modelInputSchema(tool),
      annotations: {
        title,
        readOnlyHint: tool.annotations.readOnlyHint,
        destructiveHint: tool.annotations.destructiveHint,
        idempotentHint: tool.annotations.idempotentHint,
      },
    };
    if (options.outputSchema) {
      const { $schema: _dialect, ...outputSchema } = toJsonSchema(tool, { io: 'output' });
      if (outputSchema.type !== 'object') {
        throw new ToolExportError(tool.name, '', 'an MCP outputSchema must be an object schema');
      }
      exported.outputSchema = outputSchema;
    }
    return exported;
  });
}
