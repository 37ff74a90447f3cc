import type { AnyTool, ToolSet } from '../tools/define-tool.js';
import { modelInputSchema, uniqueTools } from '../tools/exporters.js';
import type { ModelToolDescription } from './model-adapter.js';

/**
 * What a model needs to know about each tool: its name, description and the JSON Schema of its input (the
 * input side, so fields with defaults are optional). Throws `ToolExportError` for two tools with one name or
 * an input that has no JSON Schema form.
 */
export function describeTools(tools: ToolSet | readonly AnyTool[]): ModelToolDescription[] {
  return uniqueTools(tools).map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: modelInputSchema(tool),
  }));
}
