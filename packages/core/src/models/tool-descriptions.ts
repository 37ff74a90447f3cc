import { z } from 'zod';
import { type AnyTool, type ToolSet, toolList } from '../tools/define-tool.js';
import type { JsonSchema, ModelToolDescription } from './model-adapter.js';

function inputSchemaOf(tool: AnyTool): JsonSchema {
  // The input side: fields with defaults are optional to the model, which is what it may omit.
  const { $schema: _dialect, ...schema } = z.toJSONSchema(tool.input, { io: 'input' }) as JsonSchema;
  return schema;
}

/** What a model needs to know about each tool: name, description and the JSON Schema of its input. */
export function describeTools(tools: ToolSet | readonly AnyTool[]): ModelToolDescription[] {
  return toolList(tools).map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: inputSchemaOf(tool),
  }));
}
