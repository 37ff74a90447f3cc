import type { ToolPlan } from '../plan.js';
import { generatedHeader } from './header.js';
import { code, printValue } from './source.js';

/** The operation table entry of one tool: data satisfying `OperationDefinition` of @rampart/connector-kit. */
export function operationEntry(tool: ToolPlan): Record<string, unknown> {
  const parameters = tool.fields
    .filter((field) => field.in !== 'body')
    .map((field) => ({
      name: field.name,
      in: field.in,
      wireName: field.wireName !== field.name ? field.wireName : undefined,
      style: field.style,
      explode: field.explode,
    }));
  return {
    name: tool.name,
    // Specs without operationIds get `METHOD /path` as the id in the intermediate spec; that is not the vendor's.
    operationId:
      tool.operation.operationId === `${tool.operation.method} ${tool.operation.path}`
        ? undefined
        : tool.operation.operationId,
    description: tool.description,
    method: tool.operation.method,
    path: tool.path,
    parameters,
    headers: tool.headers,
    body: tool.body ? { contentType: tool.body.contentType, field: tool.body.field } : undefined,
    input: code(`schemas.${tool.typeName}Input`),
    output: code(`schemas.${tool.typeName}Output`),
    risk: tool.risk,
    idempotent: tool.idempotent,
    quota: tool.quota,
    pagination: tool.pagination,
    scopes: tool.scopes.length > 0 ? tool.scopes : undefined,
    capabilities: tool.capabilities.length > 0 ? tool.capabilities : undefined,
    deprecatedAliases: tool.deprecatedAliases.length > 0 ? tool.deprecatedAliases : undefined,
  };
}

/** `operations.ts`: the table the runtime turns into tools. Data only; behaviour lives in the kit. */
export function emitOperationsFile(tools: ToolPlan[], sourceLabel: string): string {
  const table: Record<string, unknown> = {};
  for (const tool of tools) table[tool.name] = operationEntry(tool);
  return [
    generatedHeader(sourceLabel),
    "import type { OperationDefinition } from '@rampart/connector-kit';",
    "import * as schemas from './schemas.js';",
    '',
    '/** One entry per tool, keyed by tool name. */',
    `export const operations = ${printValue(table)} as const satisfies Record<string, OperationDefinition>;`,
    '',
  ].join('\n');
}
