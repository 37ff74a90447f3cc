import { createToolRegistry } from '@rampart/agents';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { loadConnector } from '../mcp/load-connectors.js';
import { createToolServer } from '../mcp/tool-server.js';
import { UsageError } from '../usage.js';

/**
 * `rampart mcp --connectors a,b`: serves those connectors' tools over MCP on stdin/stdout until the client
 * disconnects. Credentials come from `RAMPART_<CONNECTOR>_*` environment variables. Tool names that two
 * connectors share are namespaced by connector id.
 */
export async function runMcp(options: {
  connectors: string | undefined;
  tenantId: string | undefined;
}): Promise<number> {
  const ids = (options.connectors ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  if (ids.length === 0)
    throw new UsageError('mcp needs --connectors with at least one connector id, e.g. --connectors okta');
  const connectors = await Promise.all(
    ids.map((id) => loadConnector(id, options.tenantId !== undefined ? { tenantId: options.tenantId } : {})),
  );
  const registry = createToolRegistry({ connectors });
  const server = createToolServer(
    registry.toolSet(),
    options.tenantId !== undefined ? { tenantId: options.tenantId } : {},
  );
  const closed = new Promise<void>((resolve) => {
    server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  await closed;
  await Promise.all(connectors.map((connector) => connector.close()));
  return 0;
}
