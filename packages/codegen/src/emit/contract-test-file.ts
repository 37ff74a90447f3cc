import type { AuthManifest, ConnectorManifest } from '../manifest.js';
import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec } from '../spec/intermediate.js';
import { generatedHeader } from './header.js';
import { exampleBaseUrl, sampleResponses, servesItems } from './mocks-file.js';
import { connectorNames } from './names.js';
import { sampleInput, wrongTypeValue } from './sample-input.js';
import { printValue, stringLiteral } from './source.js';

/** Auth methods a contract test can satisfy without a token exchange come first. */
const authPreference: AuthManifest['type'][] = [
  'ssws',
  'apiKey',
  'bearer',
  'basic',
  'oauth2ClientCredentials',
  'awsSigV4',
];

function testCredentials(auth: AuthManifest): Record<string, unknown> {
  switch (auth.type) {
    case 'ssws':
    case 'bearer':
      return { type: auth.type, token: 'contract-test-token' };
    case 'apiKey':
      return { type: 'apiKey', key: 'contract-test-key' };
    case 'basic':
      return { type: 'basic', username: 'contract-test', password: 'contract-test-password' };
    case 'oauth2ClientCredentials':
      return {
        type: 'oauth2ClientCredentials',
        clientId: 'contract-test-client',
        clientSecret: 'contract-test-secret',
      };
    case 'awsSigV4':
      return {
        type: 'awsSigV4',
        accessKeyId: 'AKIDCONTRACTTEST',
        secretAccessKey: 'contract-test-secret-access-key',
        region: 'us-east-1',
      };
  }
}

function expandedPath(tool: ToolPlan, input: Record<string, unknown>): string {
  let path = tool.operation.path;
  for (const field of tool.fields) {
    if (field.in === 'path') {
      path = path.replaceAll(`{${field.wireName}}`, encodeURIComponent(String(input[field.name])));
    }
  }
  return path;
}

/** One row of the generated contract table. */
export function contractCase(spec: IntermediateSpec, tool: ToolPlan, samples: Record<string, unknown>, basePath = '') {
  const validInput = sampleInput(spec, tool);
  const candidates = [...tool.fields].sort((left, right) => Number(right.required) - Number(left.required));
  let wrong: { field: string; value: unknown } | { value: unknown } = { value: 'not-an-object' };
  for (const field of candidates) {
    const value = wrongTypeValue(spec, field.schema);
    if (value !== undefined) {
      wrong = { field: field.name, value };
      break;
    }
  }
  const present = (in_: string) => tool.fields.filter((field) => field.in === in_ && field.name in validInput);
  const body =
    tool.body?.field !== undefined
      ? { field: tool.body.field }
      : { keys: present('body').map((field) => field.wireName) };
  const paginated = servesItems(spec, tool, samples[tool.name]);
  return {
    tool: tool.name,
    typeName: tool.typeName,
    risk: tool.risk,
    idempotent: tool.idempotent,
    aliases: tool.deprecatedAliases,
    validInput,
    wrong,
    request: {
      method: tool.operation.method,
      path: basePath + expandedPath(tool, validInput),
      query: present('query').map((field) => field.wireName),
      headers: present('header').map((field) => field.wireName.toLowerCase()),
      ...(tool.body ? { body } : {}),
    },
    ...(paginated
      ? {
          pageInput: Object.fromEntries(
            tool.fields.filter((field) => field.required).map((field) => [field.name, validInput[field.name]]),
          ),
          itemsPath: tool.pagination?.itemsPath,
        }
      : {}),
  };
}

/** `contract.test.ts`: every operation checked through the kit against the generated mock vendor. */
export function emitContractTest(
  manifest: ConnectorManifest,
  spec: IntermediateSpec,
  tools: ToolPlan[],
  sourceLabel: string,
): string {
  const names = connectorNames(manifest.id);
  const samples = sampleResponses(spec, tools);
  const basePath = new URL(exampleBaseUrl(manifest)).pathname.replace(/\/$/, '');
  const cases = tools.map((tool) => contractCase(spec, tool, samples, basePath));
  const auth = [...manifest.auth].sort(
    (left, right) => authPreference.indexOf(left.type) - authPreference.indexOf(right.type),
  )[0]!;
  const baseUrlVariables: Record<string, string> = {};
  for (const [name, variable] of Object.entries(manifest.baseUrlVariables)) baseUrlVariables[name] = variable.example;
  const tokenUrl =
    auth.type === 'oauth2ClientCredentials'
      ? exampleBaseUrl({ ...manifest, baseUrl: auth.tokenUrl } as ConnectorManifest)
      : undefined;
  const testingImports = ['startMockServer', ...(tokenUrl ? ['mockOAuth2TokenEndpoint'] : [])].sort();
  const handlers = tokenUrl
    ? `[...vendor.handlers, mockOAuth2TokenEndpoint(${stringLiteral(tokenUrl)}).handler]`
    : 'vendor.handlers';
  const connectorOptions = {
    credentials: testCredentials(auth),
    ...(Object.keys(baseUrlVariables).length > 0 ? { baseUrlVariables } : {}),
  };

  return [
    generatedHeader(sourceLabel),
    "import { silentLogger } from '@rampart/connector-kit';",
    `import { ${testingImports.join(', ')} } from '@rampart/connector-kit/testing';`,
    "import { type AnyTool, toAnthropicTools, toMcpTools, toOpenAITools, ValidationError } from '@rampart/core';",
    "import { afterAll, afterEach, describe, expect, it } from 'vitest';",
    "import type { z } from 'zod';",
    `import { ${names.factory} } from './connector.js';`,
    `import { ${names.mockVendorFactory}, ${names.samples} } from './mocks.js';`,
    "import * as schemas from './schemas.js';",
    '',
    'interface ContractCase {',
    '  tool: string;',
    '  typeName: string;',
    "  risk: 'read' | 'write' | 'contain' | 'destructive';",
    '  idempotent: boolean;',
    '  aliases: string[];',
    '  validInput: Record<string, unknown>;',
    '  /** A value of the wrong type and the field it goes in (the whole input when the tool takes no fields). */',
    '  wrong: { field?: string; value: unknown };',
    '  /** What the vendor must receive for `validInput`. */',
    '  request: {',
    '    method: string;',
    '    path: string;',
    '    query: string[];',
    '    headers: string[];',
    '    body?: { keys?: string[]; field?: string };',
    '  };',
    '  /** Set for list operations the mock serves page by page: the input that pages through every sample item. */',
    '  pageInput?: Record<string, unknown>;',
    '  /** Where the items are in a page body (absent: the body is the list). */',
    '  itemsPath?: string;',
    '}',
    '',
    `const cases: ContractCase[] = ${printValue(cases)};`,
    '',
    `const vendor = ${names.mockVendorFactory}();`,
    `const server = startMockServer(${handlers});`,
    `const connector = ${names.factory}({`,
    ...Object.entries(connectorOptions).map(([key, value]) => `  ${key}: ${printValue(value, '  ')},`),
    '  logger: silentLogger,',
    '  retry: { maxAttempts: 1 },',
    '});',
    'const tools = connector.tools as unknown as Record<string, AnyTool>;',
    'const schemaTable = schemas as unknown as Record<string, z.ZodType>;',
    `const samples = ${names.samples} as Record<string, unknown>;`,
    '',
    'afterEach(() => vendor.reset());',
    'afterAll(async () => {',
    '  await connector.close();',
    '  server.close();',
    '});',
    '',
    "describe.each(cases)('$tool', (contract) => {",
    '  const tool = tools[contract.tool]!;',
    "  const input = schemaTable[contract.typeName + 'Input']!;",
    "  const output = schemaTable[contract.typeName + 'Output']!;",
    '',
    "  it('has a description a model can choose by', () => {",
    '    expect(tool.description.trim().length).toBeGreaterThanOrEqual(10);',
    '  });',
    '',
    "  it('declares the risk and idempotency the manifest gives it', () => {",
    '    expect(tool.risk).toBe(contract.risk);',
    '    expect(tool.idempotent).toBe(contract.idempotent);',
    '  });',
    '',
    "  it('accepts a generated valid input', () => {",
    '    expect(input.safeParse(contract.validInput).error?.issues ?? []).toEqual([]);',
    '  });',
    '',
    "  it('rejects a wrong type, naming the field, before calling the vendor', async () => {",
    '    const { field, value } = contract.wrong;',
    '    const bad = field === undefined ? value : { ...contract.validInput, [field]: value };',
    '    const result = input.safeParse(bad);',
    '    expect(result.success).toBe(false);',
    "    expect(result.error?.issues[0]?.path[0] ?? '').toBe(field ?? '');",
    '    const error = await tool(bad as never).catch((caught: unknown) => caught);',
    '    expect(ValidationError.isInstance(error)).toBe(true);',
    "    expect((error as ValidationError).issues.some((issue) => issue.path.startsWith(field ?? ''))).toBe(true);",
    '    expect(vendor.requests).toHaveLength(0);',
    '  });',
    '',
    "  it('calls the vendor through the kit and returns data that passes the output schema', async () => {",
    '    const result = await tool(contract.validInput as never);',
    '    expect(output.safeParse(result).error?.issues ?? []).toEqual([]);',
    '    const requests = vendor.requestsFor(contract.tool);',
    '    expect(requests).toHaveLength(1);',
    '    const [request] = requests;',
    '    expect(request?.method).toBe(contract.request.method);',
    '    expect(request?.url.pathname).toBe(contract.request.path);',
    '    for (const name of contract.request.query) expect(request?.url.searchParams.has(name)).toBe(true);',
    '    for (const name of contract.request.headers) expect(request?.headers.get(name)).not.toBeNull();',
    '    const body = contract.request.body;',
    '    for (const key of body?.keys ?? []) expect(request?.body).toHaveProperty([key]);',
    '    if (body?.field !== undefined) expect(request?.body).toEqual(contract.validInput[body.field]);',
    '  });',
    '});',
    '',
    'const paginated = cases.filter((contract) => contract.pageInput !== undefined);',
    "describe.each(paginated)('$tool pagination', (contract) => {",
    "  it('pages through every sample item, one page per item', async () => {",
    '    const items: unknown[] = [];',
    '    for await (const item of connector.paginate(contract.tool as never, contract.pageInput as never)) items.push(item);',
    "    const expected = (contract.itemsPath ?? '')",
    "      .split('.')",
    "      .filter((key) => key !== '')",
    '      .reduce((value: unknown, key) => (value as Record<string, unknown>)[key], samples[contract.tool]);',
    '    expect(items).toEqual(expected);',
    '    expect(vendor.requestsFor(contract.tool).length).toBe((expected as unknown[]).length);',
    '  });',
    '});',
    '',
    'const aliased = cases.filter((contract) => contract.aliases.length > 0);',
    "describe.each(aliased)('$tool deprecated names', (contract) => {",
    "  it('stay callable, with the same risk', async () => {",
    '    for (const alias of contract.aliases) {',
    '      const aliasTool = tools[alias]!;',
    '      expect(aliasTool.risk).toBe(contract.risk);',
    '      expect(aliasTool.description).toContain(contract.tool);',
    '      await aliasTool(contract.validInput as never);',
    '    }',
    '    expect(vendor.requestsFor(contract.tool)).toHaveLength(contract.aliases.length);',
    '  });',
    '});',
    '',
    "describe('the tool set', () => {",
    "  it('exports to OpenAI, Anthropic and MCP tool formats', () => {",
    '    const count = Object.keys(tools).length;',
    "    expect(toOpenAITools(connector.tools, { fallback: 'non-strict' })).toHaveLength(count);",
    '    expect(toAnthropicTools(connector.tools)).toHaveLength(count);',
    '    expect(toMcpTools(connector.tools)).toHaveLength(count);',
    '  });',
    '});',
    '',
  ].join('\n');
}
