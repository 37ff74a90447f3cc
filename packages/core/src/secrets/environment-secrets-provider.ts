import { ConnectorSecrets } from './connector-secrets.js';
import { SecretsConfigurationError, SecretsNotFoundError } from './secrets-errors.js';
import { type SecretsProvider, tenantCheckedSecrets } from './secrets-provider.js';

type Environment = Readonly<Record<string, string | undefined>>;

export interface EnvironmentSecretsOptions {
  /**
   * Every tenant this provider serves. Declaring them lets the provider refuse, at start-up, two tenant ids that
   * would read the same variables (`acme-eu` and `acmeEu` both become `ACME_EU`), and refuse unknown tenants.
   */
  tenants: readonly string[];
  environment?: Environment;
}

/**
 * One segment of a variable name, by the word rule of connector-kit's `environmentName`: camelCase and any run of
 * other characters become single underscores, upper-cased (`microsoft-entra-id` → `MICROSOFT_ENTRA_ID`).
 */
export function environmentSegment(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** `clientSecret` from `CLIENT_SECRET`: the keys connector options use. */
function keyOf(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A segment that can be told apart from its neighbours: no leading, trailing or doubled underscore, not empty. */
function checkedSegment(kind: string, id: string): string {
  const segment = environmentSegment(id);
  if (!/^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(segment)) {
    throw new SecretsConfigurationError(
      `${kind} "${id}" cannot be named in an environment variable: it needs letters or digits at both ends`,
    );
  }
  return segment;
}

/** `RAMPART_ACME__OKTA__`: the prefix of every variable of one tenant's connector. */
export function tenantEnvironmentPrefix(tenantId: string, connectorId: string): string {
  return `RAMPART_${checkedSegment('Tenant id', tenantId)}__${checkedSegment('Connector id', connectorId)}__`;
}

/**
 * Secrets from environment variables named `RAMPART_<TENANT>__<CONNECTOR>__<KEY>`, e.g.
 * `RAMPART_ACME__OKTA__TOKEN` or `RAMPART_ACME_EU__MICROSOFT_ENTRA_ID__CLIENT_SECRET` (key `clientSecret`). Each
 * segment follows connector-kit's `RAMPART_<CONNECTOR>_<KEY>` word rule; double underscores separate them, because
 * a segment never contains one, so no tenant's variables can be read as another's (`RAMPART_ACME__...` and
 * `RAMPART_ACME_OKTA__...` belong to different tenants whatever the connector is called).
 *
 * The environment is read at each call, so a rotated variable is picked up by the next resolution.
 */
export function environmentSecretsProvider(options: EnvironmentSecretsOptions): SecretsProvider {
  const environment = options.environment ?? process.env;
  const bySegment = new Map<string, string>();
  for (const tenantId of options.tenants) {
    const segment = checkedSegment('Tenant id', tenantId);
    const other = bySegment.get(segment);
    if (other !== undefined && other !== tenantId) {
      throw new SecretsConfigurationError(
        `Tenants "${other}" and "${tenantId}" would both read RAMPART_${segment}__* variables; rename one`,
      );
    }
    bySegment.set(segment, tenantId);
  }
  const tenants = new Set(options.tenants);
  return tenantCheckedSecrets({
    async get(tenantId, connectorId) {
      if (!tenants.has(tenantId)) {
        throw new SecretsNotFoundError(tenantId, connectorId, 'the tenant is not one this provider serves');
      }
      const prefix = tenantEnvironmentPrefix(tenantId, connectorId);
      const values: Record<string, string> = {};
      for (const [name, value] of Object.entries(environment)) {
        if (!name.startsWith(prefix) || value === undefined || value === '') continue;
        const rest = name.slice(prefix.length);
        // `RAMPART_ACME__OKTA__TOKEN__X` is no key of ours: a key segment has no double underscore either.
        if (/^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(rest)) values[keyOf(rest)] = value;
      }
      if (Object.keys(values).length === 0) {
        throw new SecretsNotFoundError(tenantId, connectorId, `set ${prefix}<KEY> variables`);
      }
      return new ConnectorSecrets(tenantId, connectorId, values);
    },
  });
}
