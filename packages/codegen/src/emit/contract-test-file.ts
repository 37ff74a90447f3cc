import type { AuthManifest, ConnectorManifest } from '../manifest.js';
import type { ToolPlan } from '../plan.js';
import type { IntermediateSpec } from '../spec/intermediate.js';
import { generatedHeader } from './header.js';
import { kitImports } from './kit-api.js';
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
  let path = tool.path;
  for (const field of tool.fields) {
    if (field.in === 'path') {
      path = path.replaceAll(`{${field.wireName}}`, encodeURIComponent(String(field.constant ?? input[field.name])));
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
  // Fixed values are left out of the input and must still reach the vendor.
  const present = (in_: string) =>
    tool.fields.filter((field) => field.in === in_ && (field.name in validInput || field.constant !== undefined));
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
      headers: [
        ...Object.keys(tool.headers ?? {}).map((name) => name.toLowerCase()),
        ...present('header').map((field) => field.wireName.toLowerCase()),
      ],
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

/** One import statement, broken over lines the way Biome breaks one longer than 120 characters. */
function importStatement(names: readonly string[], from: string): string {
  const single = `import { ${names.join(', ')} } from '${from}';`;
  if (single.length <= 120) return single;
  return `import {\n${names.map((name) => `  ${name},\n`).join('')}} from '${from}';`;
}

/**
 * `contract.test.ts`: the connector's contract table and one call of the kit's `describeConnectorContract`, which
 * checks every operation through the kit against the generated mock vendor. The checks live in the kit, so a fix
 * to them reaches every connector without regenerating; this file holds only what differs per connector.
 */
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
  const connectorOptions = {
    credentials: testCredentials(auth),
    ...(Object.keys(baseUrlVariables).length > 0 ? { baseUrlVariables } : {}),
  };
  const suiteOptions = [
    'runner: { afterAll, afterEach, beforeAll, describe, expect, it },',
    'connector,',
    'vendor,',
    'schemas,',
    `samples: ${names.samples},`,
    'cases,',
    // The token endpoint answers beside the vendor, so the suite is given a server with both.
    ...(tokenUrl
      ? [`server: startMockServer([...vendor.handlers, mockOAuth2TokenEndpoint(${stringLiteral(tokenUrl)}).handler]),`]
      : []),
  ];

  return [
    generatedHeader(sourceLabel),
    kitImports.contractConnector,
    importStatement(
      [
        'type ConnectorContractCase',
        'describeConnectorContract',
        ...(tokenUrl ? ['mockOAuth2TokenEndpoint', 'startMockServer'] : []),
      ],
      kitImports.testingModule,
    ),
    "import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';",
    `import { ${names.definition} } from './connector.js';`,
    `import { ${names.mockVendorFactory}, ${names.samples} } from './mocks.js';`,
    "import * as schemas from './schemas.js';",
    '',
    `const cases: ConnectorContractCase<typeof ${names.definition}>[] = ${printValue(cases)};`,
    '',
    `const vendor = ${names.mockVendorFactory}();`,
    ...(manifest.quotas.length > 0
      ? [
          '// Every call still passes through each quota bucket of the vendor, on windows a thousand times shorter: a limit',
          '// of one call per 15 s costs 15 ms here, so no contract test waits on a real vendor budget.',
          'const quotaTimeScale = 1000;',
          `const quotas = ${names.definition}.quotas.map((quota) => ({`,
          '  ...quota,',
          '  windowMs: Math.ceil(quota.windowMs / quotaTimeScale),',
          '}));',
          `const connector = createConnector({ ...${names.definition}, quotas }, {`,
        ]
      : [`const connector = createConnector(${names.definition}, {`]),
    ...Object.entries(connectorOptions).map(([key, value]) => `  ${key}: ${printValue(value, '  ')},`),
    '  logger: silentLogger,',
    '  retry: { maxAttempts: 1 },',
    '});',
    '',
    'describeConnectorContract({',
    ...suiteOptions.map((line) => `  ${line}`),
    '});',
    '',
  ].join('\n');
}
