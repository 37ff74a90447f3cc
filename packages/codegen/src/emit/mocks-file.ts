import type { ConnectorManifest } from '../manifest.js';
import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec } from '../spec/intermediate.js';
import { generatedHeader } from './header.js';
import { kitImports } from './kit-api.js';
import { connectorNames } from './names.js';
import { SampleGenerator } from './sample-data.js';
import { printValue, stringLiteral } from './source.js';

/** The base URL with every variable set to its manifest example: where mocks listen and tests point. */
export function exampleBaseUrl(manifest: ConnectorManifest): string {
  return manifest.baseUrl.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = manifest.baseUrlVariables[name];
    return variable?.example ?? variable?.default ?? name;
  });
}

/** Removes the next-page cursor or token from a sample, so a paginating client stops after the sample page. */
function asLastPage(sample: unknown, tool: ToolPlan): unknown {
  const pagination = tool.pagination;
  const tokenPath =
    pagination?.style === 'cursor'
      ? pagination.cursorPath
      : pagination?.style === 'next-token'
        ? pagination.tokenPath
        : undefined;
  if (tokenPath === undefined || typeof sample !== 'object' || sample === null) return sample;
  const copy = structuredClone(sample) as Record<string, unknown>;
  const segments = tokenPath.split('.');
  let parent: Record<string, unknown> | undefined = copy;
  for (const segment of segments.slice(0, -1)) {
    const next: unknown = parent?.[segment];
    parent = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
  }
  if (parent) delete parent[segments[segments.length - 1]!];
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

/** msw route syntax: `{userId}` -> `:userId`. */
function mswPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => `:${name.replace(/[^A-Za-z0-9_]/g, '_')}`);
}

/** Static routes first, so `/users/me` is not swallowed by `/users/:userId`. */
function bySpecificity(left: ToolPlan, right: ToolPlan): number {
  const dynamic = (tool: ToolPlan) => (tool.path.match(/\{/g) ?? []).length;
  return dynamic(left) - dynamic(right);
}

/** `mocks.ts`: msw handlers answering every operation with a realistic, deterministic sample. */
export function emitMocksFile(
  manifest: ConnectorManifest,
  spec: IntermediateSpec,
  tools: ToolPlan[],
  sourceLabel: string,
): string {
  const names = connectorNames(manifest.id);
  const samples = sampleResponses(spec, tools);
  const handlers = [...tools].sort(bySpecificity).map((tool) => {
    const method = tool.operation.method.toLowerCase();
    const status = Number(tool.operation.response.status);
    const route = `\`\${baseUrl}${mswPath(tool.path).replace(/`/g, '\\`')}\``;
    // A `self` link only: the sample is the last page, so a client following rel="next" stops after one request.
    const linkHeader = tool.pagination?.style === 'link-header';
    const init = linkHeader
      ? `{ status: ${status}, headers: { link: \`<\${request.url}>; rel="self"\` } }`
      : `{ status: ${status} }`;
    const response =
      tool.name in samples
        ? `HttpResponse.json(${names.samples}.${tool.name}, ${init})`
        : `new HttpResponse(null, ${init})`;
    return `    http.${method}(${route}, (${linkHeader ? '{ request }' : ''}) => ${response}),`;
  });
  return [
    generatedHeader(sourceLabel),
    kitImports.mocks,
    '',
    `/** Where the handlers listen by default: the base URL with the manifest's example variables. */`,
    `export const ${names.mockBaseUrl} = ${stringLiteral(exampleBaseUrl(manifest))};`,
    '',
    '/** One sample response per tool, synthesized from the vendor schemas (deterministic: no clock, no randomness). */',
    `export const ${names.samples} = ${printValue(samples)};`,
    '',
    '/** msw handlers for every operation, answering with the samples above. */',
    `export function ${names.handlers}(baseUrl: string = ${names.mockBaseUrl}): RequestHandler[] {`,
    '  return [',
    ...handlers,
    '  ];',
    '}',
    '',
  ].join('\n');
}
