import type { AuthManifest, ConnectorManifest, QuotaManifest } from '../manifest.js';
import { generatedHeader } from './header.js';
import { kitImports } from './kit-api.js';
import { connectorNames, productName } from './names.js';
import { code, printValue } from './source.js';

/** `AuthDefinition` data: the manifest's method without what only the README needs. */
export function authDefinition(auth: AuthManifest): Record<string, unknown> {
  const { type, id, description, documentation, ...rest } = auth;
  return { type, id, description, ...rest, documentation };
}

/** `QuotaDefinition` data; the manifest's description goes to the README only. */
export function quotaDefinition(quota: QuotaManifest, manifest: ConnectorManifest): Record<string, unknown> {
  const headers = quota.headers ?? manifest.rateLimitHeaders;
  return {
    id: quota.id,
    scope: quota.scope,
    limit: quota.limit,
    windowMs: quota.windowMs,
    concurrency: quota.concurrency,
    appliesTo: quota.appliesTo,
    source: quota.source,
    headers,
  };
}

/** The `ConnectorDefinition` data of a manifest (operations referenced, not inlined). */
export function connectorDefinition(manifest: ConnectorManifest): Record<string, unknown> {
  return {
    id: manifest.id,
    vendor: manifest.vendor,
    product: manifest.product,
    categories: manifest.categories,
    baseUrl: manifest.baseUrl,
    baseUrlVariables: Object.keys(manifest.baseUrlVariables).length > 0 ? manifest.baseUrlVariables : undefined,
    auth: manifest.auth.map(authDefinition),
    quotas: manifest.quotas.map((quota) => quotaDefinition(quota, manifest)),
    operations: code('operations'),
    documentation: manifest.documentation.apiReference,
    idempotencyHeader: manifest.idempotencyHeader,
  };
}

/** `connector.ts`: the definition and the `create<Name>Connector` factory. */
export function emitConnectorFile(manifest: ConnectorManifest, sourceLabel: string): string {
  const names = connectorNames(manifest.id);
  return [
    generatedHeader(sourceLabel),
    kitImports.connector,
    "import { operations } from './operations.js';",
    '',
    `/** ${productName(manifest)}: the connector as data, for \`createConnector\` and for tooling. */`,
    `export const ${names.definition} = defineConnector(${printValue(connectorDefinition(manifest))});`,
    '',
    `export type ${names.optionsType} = ConnectorOptions<typeof ${names.definition}>;`,
    '',
    `/** Typed, rate-limited ${manifest.vendor} tools: \`${names.variable}.tools.<name>(input)\`. */`,
    `export function ${names.factory}(options: ${names.optionsType}) {`,
    `  return createConnector(${names.definition}, options);`,
    '}',
    '',
  ].join('\n');
}
