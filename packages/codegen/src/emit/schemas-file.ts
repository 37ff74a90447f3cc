import { propertyKey } from '../naming.js';
import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec } from '../spec/intermediate.js';
import { generatedHeader } from './header.js';
import { dependencyOrder, reachableSchemas, schemaIdentifiers } from './schema-graph.js';
import { ZodEmitter } from './zod-emitter.js';

export interface SchemasFile {
  source: string;
  /** Const identifier of each named output schema. */
  identifiers: Map<string, string>;
}

/**
 * A response without a declared body. The kit validates an empty body as `undefined`; a 204/205 has none by
 * definition, anything else may still carry a body the spec does not describe.
 */
function emptyOutput(tool: ToolPlan): string {
  return tool.operation.response.status === '204' || tool.operation.response.status === '205'
    ? 'z.void()'
    : 'z.unknown()';
}

/** The input field object of a tool: path, query and header parameters and body fields, flat. */
export function inputExpression(emitter: ZodEmitter, tool: ToolPlan): string {
  if (tool.fields.length === 0) return 'z.object({})';
  const lines = tool.fields.map(
    (field) =>
      `  ${propertyKey(field.name)}: ${emitter.field(field.schema, field.required, '  ', [], field.description)},`,
  );
  return `z.object({\n${lines.join('\n')}\n})`;
}

/** `schemas.ts`: named vendor schemas used by outputs, then each tool's input and output. */
export function emitSchemasFile(spec: IntermediateSpec, tools: ToolPlan[], sourceLabel: string): SchemasFile {
  const taken = new Set<string>();
  for (const tool of tools) {
    taken.add(`${tool.typeName}Input`);
    taken.add(`${tool.typeName}Output`);
  }
  const outputRoots = tools.flatMap((tool) => (tool.output ? [tool.output] : []));
  const named = reachableSchemas(spec, outputRoots);
  const identifiers = schemaIdentifiers(named, taken);
  const emitter = new ZodEmitter({ spec, identifiers });
  const parts: string[] = [generatedHeader(sourceLabel), "import { z } from 'zod';", ''];

  const order = dependencyOrder(spec, named);
  if (order.length > 0) {
    parts.push(
      '// Vendor schemas shared by tool outputs. Objects are loose: fields the vendor adds later pass through,',
      '// while a declared field of the wrong type fails validation.',
      '',
    );
  }
  for (const name of order) {
    const identifier = identifiers.get(name)!;
    const expression = emitter.expression(spec.schemas[name]!, 'output', '');
    emitter.markEmitted(name);
    parts.push(`/** \`${name}\` in the vendor spec. */`, `export const ${identifier} = ${expression};`, '');
  }

  for (const tool of tools) {
    const route = `${tool.operation.method} ${tool.operation.path}`;
    parts.push(
      `/** Input of \`${tool.name}\` (${route}). */`,
      `export const ${tool.typeName}Input = ${inputExpression(emitter, tool)};`,
      `export type ${tool.typeName}Input = z.input<typeof ${tool.typeName}Input>;`,
      '',
    );
    const output = tool.output ? emitter.expression(tool.output, 'output', '') : emptyOutput(tool);
    parts.push(
      `/** Output of \`${tool.name}\`: the vendor's ${tool.operation.response.status} response${tool.output ? '' : ' (no body is declared)'}. */`,
      `export const ${tool.typeName}Output = ${output};`,
      `export type ${tool.typeName}Output = z.output<typeof ${tool.typeName}Output>;`,
      '',
    );
  }
  return { source: `${parts.join('\n').trimEnd()}\n`, identifiers };
}
