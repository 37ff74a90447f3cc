import { z } from 'zod';
import { RampartError } from '../errors.js';
import type { JsonSchema } from '../models/model-adapter.js';
import { type AnyTool, type ToolSet, toolList } from './define-tool.js';

/** A tool's schema cannot be exported to the requested format; `path` points into the JSON Schema. */
export class ToolExportError extends RampartError {
  override readonly name = 'ToolExportError';
  constructor(
    readonly tool: string,
    /** JSON Pointer-like path to the offending schema node, e.g. `properties.filters.additionalProperties`. */
    readonly path: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Tool ${tool} cannot be exported: ${path ? `${path}: ` : ''}${reason}`, options);
  }
  static override isInstance(value: unknown): value is ToolExportError {
    return RampartError.isInstance(value) && value.name === 'ToolExportError';
  }
}

export interface JsonSchemaOptions {
  /**
   * `input` (default): what a caller may send; fields with defaults are optional. `output`: what the tool
   * returns after validation.
   */
  io?: 'input' | 'output';
}

/**
 * The JSON Schema (draft 2020-12) of a tool's input (or output), generated from its zod schema with
 * `z.toJSONSchema`. Hosts never write JSON Schema by hand. Throws a `ToolExportError` when the schema holds
 * a type JSON Schema cannot represent (a `Date`, a `Map`, a transform's output...).
 */
export function toJsonSchema(tool: AnyTool, options: JsonSchemaOptions = {}): JsonSchema {
  const io = options.io ?? 'input';
  try {
    return z.toJSONSchema(io === 'input' ? tool.input : tool.output, { io }) as JsonSchema;
  } catch (error) {
    throw new ToolExportError(
      tool.name,
      '',
      `its ${io} schema has no JSON Schema form (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
}

/**
 * The input schema as model APIs take it: without the `$schema` dialect marker, and with an object at the
 * root (every provider's tool-calling API requires one).
 */
export function modelInputSchema(tool: AnyTool): JsonSchema {
  const { $schema: _dialect, ...schema } = toJsonSchema(tool);
  if (schema.type !== 'object') {
    throw new ToolExportError(tool.name, '', 'model APIs need an object input schema (use z.object at the root)');
  }
  return schema;
}

/** `suspendUser` → `Suspend user`, `list_IPs` → `List IPs`: a display title from a tool name. */
export function toolTitle(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z]{2,})/g, '$1 $2')
    .split(/[\s_]+/)
    .filter((word) => word.length > 0)
    // Acronyms (two or more capitals: URL, IPs) keep their case; other words go lower case.
    .map((word) => ((word.match(/[A-Z]/g)?.length ?? 0) >= 2 ? word : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export type ToolsInput = ToolSet | readonly AnyTool[];

/** The tools as an array, refusing two tools with one name (a model could not tell them apart). */
export function uniqueTools(tools: ToolsInput): AnyTool[] {
  const list = toolList(tools);
  const seen = new Set<string>();
  for (const tool of list) {
    if (seen.has(tool.name)) throw new ToolExportError(tool.name, '', 'two tools share this name');
    seen.add(tool.name);
  }
  return list;
}
