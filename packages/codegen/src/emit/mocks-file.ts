import type { ConnectorManifest } from '../manifest.js';
import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec } from '../spec/intermediate.js';
import { generatedHeader } from './header.js';
import { kitImports } from './kit-api.js';
import { connectorNames } from './names.js';
import { SampleGenerator } from './sample-data.js';
import { resolveSchema } from './schema-graph.js';
import { code, printValue } from './source.js';

/** The base URL with every variable set to its manifest example: where mocks listen and tests point. */
export function exampleBaseUrl(manifest: ConnectorManifest): string {
  return manifest.baseUrl.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = manifest.baseUrlVariables[name];
    return variable?.example ?? variable?.default ?? name;
  });
}

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The dotted path of the next-page token in a body, for styles that carry one. */
function tokenPath(tool: ToolPlan): string | undefined {
  const pagination = tool.pagination;
  if (pagination?.style === 'cursor') return pagination.cursorPath;
  if (pagination?.style === 'next-token') return pagination.tokenPath;
  return undefined;
}

/** Removes the next-page cursor or token from a sample, so a client paginating over it stops after one page. */
function asLastPage(sample: unknown, tool: ToolPlan): unknown {
  const path = tokenPath(tool);
  if (path === undefined || typeof sample !== 'object' || sample === null) return sample;
  const copy = structuredClone(sample) as Record<string, unknown>;
  const segments = path.split('.');
  const parent = segments.length === 1 ? copy : readPath(copy, segments.slice(0, -1).join('.'));
  if (typeof parent === 'object' && parent !== null) delete (parent as Record<string, unknown>)[segments.at(-1)!];
  return copy;
}

/** The sample response body of each tool, synthesized once from the output schema. */
export function sampleResponses(spec: IntermediateSpec, tools: ToolPlan[]): Record<string, unknown> {
  const generator = new SampleGenerator(spec);
  const samples: Record<string, unknown> = {};
  for (const tool of tools) {
    if (!tool.output || tool.operation.response.status === '204') continue;
    samples[tool.name] = asLastPage(generator.sample(tool.output, tool.name, '', 'output'), tool);
  }
  return samples;
}

/**
 * Whether the kit's mock vendor can serve this operation's pages from a list of items: it writes only the items
 * (at `itemsPath`) and the next-page token, so the page body must need nothing else.
 */
export function servesItems(spec: IntermediateSpec, tool: ToolPlan, sample: unknown): boolean {
  const pagination = tool.pagination;
  if (!pagination || !tool.output) return false;
  const items = pagination.itemsPath === undefined ? sample : readPath(sample, pagination.itemsPath);
  if (!Array.isArray(items)) return false;
  if (pagination.itemsPath === undefined) return true;
  const page = resolveSchema(spec, tool.output);
  const allowed = new Set([pagination.itemsPath.split('.')[0], tokenPath(tool)?.split('.')[0]]);
  return (page.required ?? []).every((key) => allowed.has(key));
}

/** What the mock vendor answers for one tool: its sample (status included), or its items page by page. */
export function mockOperation(
  spec: IntermediateSpec,
  tool: ToolPlan,
  samples: Record<string, unknown>,
  samplesName: string,
): Record<string, unknown> {
  const status = Number(tool.operation.response.status);
  const reference = code(`${samplesName}.${tool.name}`);
  if (!(tool.name in samples)) return status === 200 || status === 204 ? {} : { status };
  if (servesItems(spec, tool, samples[tool.name])) {
    const itemsPath = tool.pagination?.itemsPath;
    const items = itemsPath === undefined ? reference : code(`${samplesName}.${tool.name}.${itemsPath}`);
    // One item per page, so a paginating client is exercised across pages.
    return { items, pageSize: 1 };
  }
  return status === 200 ? { respond: reference } : { respond: reference, status };
}

/** `mocks.ts`: realistic, deterministic samples and a fake vendor (msw handlers) answering every operation. */
export function emitMocksFile(
  manifest: ConnectorManifest,
  spec: IntermediateSpec,
  tools: ToolPlan[],
  sourceLabel: string,
): string {
  const names = connectorNames(manifest.id);
  const samples = sampleResponses(spec, tools);
  const operations: Record<string, unknown> = {};
  for (const tool of tools) operations[tool.name] = mockOperation(spec, tool, samples, names.samples);
  const definitionType = `typeof ${names.definition}`;
  return [
    generatedHeader(sourceLabel),
    kitImports.mocks,
    `import { ${names.definition} } from './connector.js';`,
    '',
    '/** One sample response per tool, synthesized from the vendor schemas (deterministic: no clock, no randomness). */',
    `export const ${names.samples} = ${printValue(samples)};`,
    '',
    '/**',
    " * What each operation answers by default: its sample with the vendor's success status. List operations serve",
    " * their sample items one per page, in the operation's pagination style.",
    ' */',
    `export const ${names.mockOperations} = ${printValue(operations)} satisfies MockOperations<${definitionType}>;`,
    '',
    `/** A fake ${manifest.vendor} for tests: every operation answers; override any of them, inject faults, read requests. */`,
    `export function ${names.mockVendorFactory}(`,
    `  overrides: MockOperations<${definitionType}> = {},`,
    '  options: MockVendorOptions = {},',
    '): MockVendor {',
    `  return createMockVendor(${names.definition}, { ...${names.mockOperations}, ...overrides }, options);`,
    '}',
    '',
    '/** msw handlers answering every operation with its sample, for `startMockServer` or `server.use`. */',
    `export function ${names.handlers}(options: MockVendorOptions = {}): MockVendor['handlers'] {`,
    `  return ${names.mockVendorFactory}({}, options).handlers;`,
    '}',
    '',
  ].join('\n');
}
