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
  const plans = quotaPlans(manifest);
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
    ...(Object.keys(plans).length > 0
      ? planFactory(names, plans, manifest.vendor)
      : defaultFactory(names, manifest.vendor)),
  ].join('\n');
}

function defaultFactory(names: ReturnType<typeof connectorNames>, vendor: string): string[] {
  return [
    `/** Typed, rate-limited ${vendor} tools: \`${names.variable}.tools.<name>(input)\`. */`,
    `export function ${names.factory}(options: ${names.optionsType}) {`,
    `  return createConnector(${names.definition}, options);`,
    '}',
    '',
  ];
}

/** Quota limits by vendor plan: `{ business: { light: { limit: 80 } } }`. */
function quotaPlans(manifest: ConnectorManifest): Record<string, Record<string, Record<string, number>>> {
  const plans: Record<string, Record<string, Record<string, number>>> = {};
  for (const quota of manifest.quotas) {
    for (const [plan, limits] of Object.entries(quota.plans ?? {})) {
      plans[plan] ??= {};
      plans[plan][quota.id] = limits as Record<string, number>;
    }
  }
  return plans;
}

/** A factory whose `plan` option swaps in another plan's limits; the definition keeps the default plan's. */
function planFactory(
  names: ReturnType<typeof connectorNames>,
  plans: Record<string, unknown>,
  vendor: string,
): string[] {
  return [
    `/** ${vendor} quota limits of other plans, by plan and quota id (the definition holds the default plan's). */`,
    `export const ${names.definition}Plans = ${printValue(plans)} as const;`,
    `export type ${names.optionsType.replace(/Options$/, 'Plan')} = keyof typeof ${names.definition}Plans;`,
    '',
    `/** Typed, rate-limited ${vendor} tools: \`${names.variable}.tools.<name>(input)\`; \`plan\` picks the account's limits. */`,
    `export function ${names.factory}(options: ${names.optionsType} & { plan?: ${names.optionsType.replace(/Options$/, 'Plan')} }) {`,
    '  const { plan, ...connectorOptions } = options;',
    `  const limits: Readonly<Record<string, object>> = plan === undefined ? {} : ${names.definition}Plans[plan];`,
    `  const quotas = ${names.definition}.quotas.map((quota) => ({ ...quota, ...limits[quota.id] }));`,
    `  return createConnector({ ...${names.definition}, quotas }, connectorOptions);`,
    '}',
    '',
  ];
}
