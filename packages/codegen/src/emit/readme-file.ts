import { cleanDescription } from '../descriptions.js';
import type { AuthManifest, ConnectorManifest, QuotaManifest } from '../manifest.js';
import type { ToolPlan } from '../plan.js';
import { generatedMarkdownNotice } from './header.js';
import { connectorNames, productName } from './names.js';
import { objectKey } from './source.js';

export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function width(text: string): number {
  return [...text].length;
}

/** A Markdown table with aligned columns, exactly as Biome formats one, so formatting never reports drift. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(3, width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((text, column) => text + ' '.repeat(widths[column]! - width(text))).join(' | ')} |`;
  return [line(header), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)];
}

/** `; business: 80 per second` for each other plan, so the README shows what `plan` switches to. */
export function planLimits(quota: Pick<QuotaManifest, 'windowMs' | 'plans'>): string {
  return Object.entries(quota.plans ?? {})
    .map(([plan, limits]) => {
      const concurrency = limits.concurrency ? `, ${limits.concurrency} concurrent` : '';
      return `; ${plan}: ${limits.limit} per ${formatWindow(limits.windowMs ?? quota.windowMs)}${concurrency}`;
    })
    .join('');
}

export function formatWindow(windowMs: number): string {
  if (windowMs % 3_600_000 === 0) return windowMs === 3_600_000 ? 'hour' : `${windowMs / 3_600_000} hours`;
  if (windowMs % 60_000 === 0) return windowMs === 60_000 ? 'minute' : `${windowMs / 60_000} minutes`;
  if (windowMs % 1000 === 0) return windowMs === 1000 ? 'second' : `${windowMs / 1000} seconds`;
  return `${windowMs} ms`;
}

const authLabels: Record<string, string> = {
  apiKey: 'API key',
  bearer: 'Bearer token',
  basic: 'HTTP Basic',
  ssws: 'Okta API token (SSWS)',
  oauth2ClientCredentials: 'OAuth 2.0 client credentials',
  awsSigV4: 'AWS Signature V4',
};

function environmentName(id: string, secret: string): string {
  return `process.env.${`${id}_${secret}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}!`;
}

/** The credentials object a host passes for an auth method, with secrets read from the environment. */
function credentialsEntries(auth: AuthManifest, id: string): Array<[string, string]> {
  const secret = (name: string) => environmentName(id, name);
  const type: [string, string] = ['type', `'${auth.type}'`];
  switch (auth.type) {
    case 'ssws':
    case 'bearer':
      return [type, ['token', secret('token')]];
    case 'apiKey':
      return [type, ['key', secret('api_key')]];
    case 'basic':
      return [type, ['username', secret('username')], ['password', secret('password')]];
    case 'oauth2ClientCredentials':
      return [type, ['clientId', secret('client_id')], ['clientSecret', secret('client_secret')]];
    case 'awsSigV4':
      return [type, ['accessKeyId', secret('access_key_id')], ['secretAccessKey', secret('secret_access_key')]];
  }
}

/** `  credentials: { ... },` on one line when it fits Biome's 120 columns, else one property per line. */
function credentialsLines(auth: AuthManifest, id: string): string[] {
  const entries = credentialsEntries(auth, id);
  const inline = `  credentials: { ${entries.map(([key, value]) => `${key}: ${value}`).join(', ')} },`;
  if (inline.length <= 120) return [inline];
  return ['  credentials: {', ...entries.map(([key, value]) => `    ${key}: ${value},`), '  },'];
}

/** The required fields of a tool's input, with placeholder values. */
function exampleInput(tool: ToolPlan): string {
  const required = tool.fields.filter((field) => field.required);
  if (required.length === 0) return '{}';
  return `{ ${required.map((field) => `${objectKey(field.name)}: '…'`).join(', ')} }`;
}

/** The package README: the tool table with risk, auth, and every quota with the page that states it. */
export function emitReadme(manifest: ConnectorManifest, tools: ToolPlan[], sourceLabel: string): string {
  const names = connectorNames(manifest.id);
  const lines: string[] = [generatedMarkdownNotice(sourceLabel), '', `# ${names.packageName}`, ''];
  lines.push(
    manifest.description ??
      `Typed, rate-limited ${productName(manifest)} tools for Rampart agents and any host's own agent loop.`,
    '',
    `- Vendor: ${manifest.vendor} — ${manifest.product}`,
    `- Categories: ${manifest.categories.join(', ')}`,
    `- API reference: ${manifest.documentation.apiReference}`,
    `- Spec: ${sourceLabel}`,
    '',
    '## Install',
    '',
    '```sh',
    `npm install ${names.packageName}`,
    '```',
    '',
    '## Use',
    '',
    '```ts',
    `import { ${names.factory} } from '${names.packageName}';`,
    '',
    `const ${names.variable} = ${names.factory}({`,
    ...credentialsLines(manifest.auth[0]!, manifest.id),
    ...(Object.keys(manifest.baseUrlVariables).length > 0
      ? [
          `  baseUrlVariables: { ${Object.entries(manifest.baseUrlVariables)
            .map(([name, variable]) => `${name}: '${variable.example}'`)
            .join(', ')} },`,
        ]
      : []),
    '});',
    ...(tools[0] ? [`const result = await ${names.variable}.tools.${tools[0].name}(${exampleInput(tools[0])});`] : []),
    '```',
    '',
    'Every tool validates its input and the vendor response with zod, waits for the quota it draws from, and is',
    'exportable to model APIs with `@rampart/core` (`toOpenAITools(tools)` and friends).',
    '',
    '## Tools',
    '',
    ...markdownTable(
      ['Tool', 'Risk', 'Idempotent', 'Endpoint', 'Description'],
      tools.map((tool) => [
        `\`${tool.name}\``,
        tool.risk,
        tool.idempotent ? 'yes' : 'no',
        `\`${tool.operation.method} ${tool.operation.path}\``,
        cell(tool.description),
      ]),
    ),
  );
  const aliased = tools.filter((tool) => tool.deprecatedAliases.length > 0);
  if (aliased.length > 0) {
    lines.push('', 'Deprecated names (still callable, with a warning):', '');
    for (const tool of aliased) {
      lines.push(`- ${tool.deprecatedAliases.map((alias) => `\`${alias}\``).join(', ')} → \`${tool.name}\``);
    }
  }
  lines.push('', '### Inputs', '');
  for (const tool of tools) {
    lines.push(`#### \`${tool.name}\``, '');
    if (tool.fields.length === 0) {
      lines.push('No input.', '');
      continue;
    }
    lines.push(
      ...markdownTable(
        ['Field', 'In', 'Required', 'Description'],
        tool.fields.map((field) => [
          `\`${field.name}\``,
          `${field.in}${field.wireName !== field.name ? ` (\`${field.wireName}\`)` : ''}`,
          field.required ? 'yes' : 'no',
          cell(cleanDescription(field.description ?? field.schema.description, 200)),
        ]),
      ),
      '',
    );
  }
  lines.push(
    '## Authentication',
    '',
    ...markdownTable(
      ['Id', 'Method', 'Description', 'Documentation'],
      manifest.auth.map((auth) => [
        `\`${auth.id}\``,
        authLabels[auth.type] ?? auth.type,
        cell(auth.description),
        auth.documentation,
      ]),
    ),
  );
  if (Object.keys(manifest.baseUrlVariables).length > 0) {
    lines.push(
      '',
      `Base URL: \`${manifest.baseUrl}\``,
      '',
      ...markdownTable(
        ['Variable', 'Description', 'Example'],
        Object.entries(manifest.baseUrlVariables).map(([name, variable]) => [
          `\`${name}\``,
          cell(variable.description),
          `\`${variable.example}\``,
        ]),
      ),
    );
  }
  lines.push('', '## Rate limits', '');
  if (manifest.quotas.length === 0) {
    lines.push('The manifest declares no quotas; the runtime still honours `Retry-After` on 429 responses.');
  } else {
    const rows = manifest.quotas.map((quota) => {
      const users =
        quota.appliesTo === 'all'
          ? 'all'
          : tools
              .filter((tool) => tool.quota === quota.id)
              .map((tool) => `\`${tool.name}\``)
              .join(', ') || 'none';
      const concurrency = quota.concurrency ? `, ${quota.concurrency} concurrent` : '';
      const limit = `${quota.limit} per ${formatWindow(quota.windowMs)}${concurrency}${planLimits(quota)}`;
      return [`\`${quota.id}\``, limit, quota.scope, users, cell(quota.description), quota.source];
    });
    lines.push(...markdownTable(['Quota', 'Limit', 'Scope', 'Tools', 'What it covers', 'Source'], rows));
  }
  lines.push('', '## Documentation', '');
  for (const [label, link] of Object.entries(manifest.documentation)) {
    if (link !== undefined) lines.push(`- ${label}: ${link}`);
  }
  lines.push(
    '',
    '## Generated code',
    '',
    `\`src/generated/\` is produced by \`@rampart/codegen\` from \`manifest.yaml\` and \`spec/operations.json\`;`,
    'hand-written code lives beside it in `src/`. Regenerate with `npm run generate` at the repository root.',
    '',
  );
  return lines.join('\n');
}
