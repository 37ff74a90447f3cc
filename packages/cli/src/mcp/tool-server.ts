import { type AnyTool, RampartError, type ToolSet, toMcpTools } from '@rampart/core';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export interface ToolServerOptions {
  name?: string;
  version?: string;
  /** Passed to every tool call (tenant, case) so connectors key limits and audit by it. */
  tenantId?: string;
}

/**
 * An MCP server that lists `tools` with their annotations (read-only, destructive, idempotent) and runs them.
 * Arguments are validated by the tool itself, so a client's malformed call gets the tool's `ValidationError`
 * text back as an error result, never a crash. Keys of `tools` are the names clients see.
 */
export function createToolServer(tools: ToolSet, options: ToolServerOptions = {}): Server {
  const server = new Server(
    { name: options.name ?? 'rampart', version: options.version ?? '0.1.0' },
    { capabilities: { tools: {} } },
  );
  const byName = new Map<string, AnyTool>(Object.entries(tools));
  const listed = [...byName].map(([name, tool]) => ({ ...toMcpTools([tool])[0]!, name }));

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    if (tool === undefined) {
      return { isError: true, content: [{ type: 'text', text: `Unknown tool "${request.params.name}"` }] };
    }
    try {
      const result = await tool(request.params.arguments ?? {}, {
        signal: extra.signal,
        ...(options.tenantId !== undefined ? { tenantId: options.tenantId } : {}),
      });
      const text = result === undefined ? 'done' : JSON.stringify(result);
      return {
        content: [{ type: 'text', text }],
        ...(isRecord(result) ? { structuredContent: result } : {}),
      };
    } catch (error) {
      // Rampart errors are typed and redacted; anything else is reported by message only.
      const message = RampartError.isInstance(error) ? `${error.name}: ${error.message}` : errorMessage(error);
      return { isError: true, content: [{ type: 'text', text: message }] };
    }
  });
  return server;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
