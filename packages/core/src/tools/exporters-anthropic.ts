import type { JsonSchema } from '../models/model-adapter.js';
import { modelInputSchema, type ToolsInput, uniqueTools } from './exporters.js';

/** A tool as the Anthropic Messages API takes it in `tools`. */
export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: JsonSchema;
}

/** Exports tools for the Anthropic Messages API (`{ name, description, input_schema }`). */
export function toAnthropicTools(tools: ToolsInput): AnthropicTool[] {
  return uniqueTools(tools).map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: modelInputSchema(tool),
  }));
}
