import { ConnectorSecrets } from './connector-secrets.js';
import { SecretsTenantMismatchError } from './secrets-errors.js';

/**
 * Where a connector's credentials come from, per tenant: environment variables, files, or a vault a host
 * implements. `get` resolves the secrets of `connectorId` for `tenantId` and nothing else; it rejects with a
 * `SecretsNotFoundError` when none are configured. Wrap a custom implementation in `tenantCheckedSecrets` so an
 * answer for the wrong tenant is refused rather than used.
 */
export interface SecretsProvider {
  get(tenantId: string, connectorId: string): Promise<ConnectorSecrets>;
}

/**
 * A provider that refuses any answer not for the tenant and connector asked for: a provider that returns
 * another tenant's secrets (a copied file, a wrong vault path, a bug) fails with `SecretsTenantMismatchError`
 * instead of handing them out. The built-in providers are already wrapped.
 */
export function tenantCheckedSecrets(provider: SecretsProvider): SecretsProvider {
  return {
    async get(tenantId, connectorId) {
      const secrets: unknown = await provider.get(tenantId, connectorId);
      if (!ConnectorSecrets.isInstance(secrets)) {
        throw new TypeError(`A secrets provider returned something other than ConnectorSecrets for "${tenantId}"`);
      }
      if (secrets.tenantId !== tenantId || secrets.connectorId !== connectorId) {
        throw new SecretsTenantMismatchError(
          { tenantId, connectorId },
          { tenantId: secrets.tenantId, connectorId: secrets.connectorId },
        );
      }
      return secrets;
    },
  };
}

/** The secrets of one tenant only: code working for that tenant gets this view and cannot even ask for another's. */
export interface TenantSecrets {
  readonly tenantId: string;
  get(connectorId: string): Promise<ConnectorSecrets>;
}

export function secretsForTenant(provider: SecretsProvider, tenantId: string): TenantSecrets {
  const checked = tenantCheckedSecrets(provider);
  return { tenantId, get: (connectorId) => checked.get(tenantId, connectorId) };
}
