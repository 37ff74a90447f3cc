import { type AnyTool, defineTool, type ToolSet, toolList, toolNamePattern } from '@rampart/core';
import { SocConfigurationError } from '../errors.js';

/**
 * A connector, as the runtime sees it: anything with an `id` and a tool set. Connector packages return such
 * objects; `tenantId` binds every tool of the connector to one tenant (an MSSP configures one connector per tenant).
 */
export interface Connector {
  readonly id: string;
  readonly tools: ToolSet;
  readonly tenantId?: string;
}

/** One tool as the agents see it: its (possibly namespaced) name, the tool, and where it came from. */
export interface RegisteredTool {
  readonly name: string;
  readonly tool: AnyTool;
  /** The tool's own name, when it was namespaced to `name`. */
  readonly originalName: string;
  readonly connectorId?: string;
  readonly tenantId?: string;
}

export interface ToolRegistry {
  /** The tool with exactly this name; no case folding, no trimming. */
  get(name: string): RegisteredTool | undefined;
  list(): readonly RegisteredTool[];
  /** The tools by their exposed names, for agent factories and exporters. */
  toolSet(): ToolSet;
}

export interface ToolRegistryOptions {
  connectors?: readonly Connector[];
  /** Tools that belong to no connector. */
  tools?: ToolSet | readonly AnyTool[];
  /** Names the runtime keeps for itself; a tool may not take one. */
  reservedNames?: readonly string[];
}

function prefixOf(connectorId: string): string {
  const cleaned = connectorId.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^[^a-zA-Z]+/, '');
  return cleaned === '' ? 'connector' : cleaned;
}

/** The same tool under another name: same schemas, risk, capabilities and execute. */
function renamed(tool: AnyTool, name: string): AnyTool {
  return defineTool({
    name,
    description: tool.description,
    input: tool.input,
    output: tool.output,
    risk: tool.risk,
    idempotent: tool.idempotent,
    scopes: tool.scopes,
    capabilities: tool.capabilities,
    execute: tool.execute,
  });
}

/**
 * Gathers the tools of every connector into one registry. Names that collide across connectors are namespaced
 * with the connector id (`okta_getUser`, `entra_getUser`); names that are unique stay as the vendor wrote them.
 */
export function createToolRegistry(options: ToolRegistryOptions): ToolRegistry {
  const sources: Array<{ tool: AnyTool; connector?: Connector }> = [];
  for (const connector of options.connectors ?? []) {
    if (typeof connector?.id !== 'string' || connector.id === '') {
      throw new SocConfigurationError('Every connector needs a non-empty string id');
    }
    for (const tool of toolList(connector.tools ?? {})) sources.push({ tool, connector });
  }
  for (const tool of toolList(options.tools ?? [])) sources.push({ tool });

  const counts = new Map<string, number>();
  for (const { tool } of sources) counts.set(tool.name, (counts.get(tool.name) ?? 0) + 1);
  const reserved = new Set(options.reservedNames ?? []);
  const byName = new Map<string, RegisteredTool>();
  for (const { tool, connector } of sources) {
    const collides = (counts.get(tool.name) ?? 0) > 1;
    const name = collides ? `${prefixOf(connector?.id ?? 'tools')}_${tool.name}` : tool.name;
    if (!toolNamePattern.test(name)) {
      throw new SocConfigurationError(`Tool "${tool.name}" of ${connector?.id ?? 'tools'} cannot be named "${name}"`);
    }
    if (reserved.has(name)) {
      throw new SocConfigurationError(`Tool name "${name}" is reserved by the agent runtime; rename the tool`);
    }
    if (byName.has(name)) {
      throw new SocConfigurationError(`Two tools are named "${name}" even after namespacing by connector`);
    }
    byName.set(name, {
      name,
      tool: name === tool.name ? tool : renamed(tool, name),
      originalName: tool.name,
      ...(connector !== undefined && { connectorId: connector.id }),
      ...(connector?.tenantId !== undefined && { tenantId: connector.tenantId }),
    });
  }
  const list = Object.freeze([...byName.values()]);
  const toolSet = Object.freeze(Object.fromEntries(list.map((entry) => [entry.name, entry.tool])));
  return { get: (name) => byName.get(name), list: () => list, toolSet: () => toolSet };
}
