import { describe, expect, it } from 'vitest';
import { ConnectorSecrets } from './connector-secrets.js';
import { SecretsTenantMismatchError } from './secrets-errors.js';
import { type SecretsProvider, secretsForTenant, tenantCheckedSecrets } from './secrets-provider.js';

/** A custom provider with the classic bug: it caches by connector only, so the first tenant's secrets stick. */
function cachingByConnectorOnly(): SecretsProvider {
  const cache = new Map<string, ConnectorSecrets>();
  return {
    async get(tenantId, connectorId) {
      let secrets = cache.get(connectorId);
      if (secrets === undefined) {
        secrets = new ConnectorSecrets(tenantId, connectorId, { token: `token-of-${tenantId}` });
        cache.set(connectorId, secrets);
      }
      return secrets;
    },
  };
}

describe('tenantCheckedSecrets', () => {
  it('lets the buggy provider leak when unchecked, and refuses the leak when checked', async () => {
    const unchecked = cachingByConnectorOnly();
    await unchecked.get('acme', 'okta');
    expect((await unchecked.get('globex', 'okta')).require('token').reveal()).toBe('token-of-acme');

    const checked = tenantCheckedSecrets(cachingByConnectorOnly());
    await checked.get('acme', 'okta');
    const error = await checked.get('globex', 'okta').catch((caught: unknown) => caught);
    expect(SecretsTenantMismatchError.isInstance(error)).toBe(true);
    expect(String(error)).toMatch(/tenant "globex".*returned those of tenant "acme"/);
    expect(String(error)).not.toContain('token-of-acme');
  });

  it('refuses secrets of another connector of the right tenant', async () => {
    const provider = tenantCheckedSecrets({
      get: async (tenantId) => new ConnectorSecrets(tenantId, 'okta', { token: 'x' }),
    });
    await expect(provider.get('acme', 'crowdstrike-falcon')).rejects.toThrow(SecretsTenantMismatchError);
  });
});

describe('secretsForTenant', () => {
  it('gives code working for one tenant a view that can only ask for that tenant', async () => {
    const seen: string[] = [];
    const provider: SecretsProvider = {
      get: async (tenantId, connectorId) => {
        seen.push(tenantId);
        return new ConnectorSecrets(tenantId, connectorId, { token: `token-of-${tenantId}` });
      },
    };
    const acme = secretsForTenant(provider, 'acme');
    expect(acme.tenantId).toBe('acme');
    expect((await acme.get('okta')).require('token').reveal()).toBe('token-of-acme');
    expect(seen).toEqual(['acme']);
  });
});
