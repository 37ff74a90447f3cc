import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { environmentSecretsProvider, tenantEnvironmentPrefix } from './environment-secrets-provider.js';
import { SecretsConfigurationError, SecretsNotFoundError } from './secrets-errors.js';

describe('environmentSecretsProvider', () => {
  it('reads RAMPART_<TENANT>__<CONNECTOR>__<KEY> into camelCase keys', async () => {
    const provider = environmentSecretsProvider({
      tenants: ['acme', 'acme-eu'],
      environment: {
        RAMPART_ACME__OKTA__TOKEN: 'okta-token-of-acme',
        RAMPART_ACME__OKTA__DOMAIN: 'acme.okta.com',
        RAMPART_ACME_EU__MICROSOFT_ENTRA_ID__CLIENT_ID: 'client-of-acme-eu',
        RAMPART_ACME_EU__MICROSOFT_ENTRA_ID__CLIENT_SECRET: 'secret-of-acme-eu',
        RAMPART_ACME__OKTA__EMPTY: '',
      },
    });
    expect((await provider.get('acme', 'okta')).reveal()).toEqual({
      token: 'okta-token-of-acme',
      domain: 'acme.okta.com',
    });
    expect((await provider.get('acme-eu', 'microsoft-entra-id')).reveal()).toEqual({
      clientId: 'client-of-acme-eu',
      clientSecret: 'secret-of-acme-eu',
    });
    expect(tenantEnvironmentPrefix('acmeEu', 'microsoftEntraId')).toBe('RAMPART_ACME_EU__MICROSOFT_ENTRA_ID__');
  });

  it('never returns a value set for another tenant or connector, however the ids overlap', async () => {
    // Ids chosen so that, with single underscores, one pair's variables would read as another's.
    const tenants = ['acme', 'acme-eu', 'acme-okta', 'eu', 'okta', 'acme-eu-okta'];
    const connectors = ['okta', 'okta-verify', 'eu-okta', 'microsoft-entra-id', 'eu'];
    const environment: Record<string, string> = {};
    for (const tenantId of tenants) {
      for (const connectorId of connectors) {
        for (const key of ['token', 'clientSecret']) {
          const name = `${tenantEnvironmentPrefix(tenantId, connectorId)}${key === 'token' ? 'TOKEN' : 'CLIENT_SECRET'}`;
          expect(environment[name], `${name} named twice`).toBeUndefined();
          environment[name] = `${tenantId}|${connectorId}|${key}`;
        }
      }
    }
    const provider = environmentSecretsProvider({ tenants, environment });
    for (const tenantId of tenants) {
      for (const connectorId of connectors) {
        expect((await provider.get(tenantId, connectorId)).reveal()).toEqual({
          token: `${tenantId}|${connectorId}|token`,
          clientSecret: `${tenantId}|${connectorId}|clientSecret`,
        });
      }
    }
  });

  it('refuses tenants that would read the same variables, and ids it cannot name', () => {
    expect(() => environmentSecretsProvider({ tenants: ['acme-eu', 'acmeEu'], environment: {} })).toThrow(
      SecretsConfigurationError,
    );
    expect(() => environmentSecretsProvider({ tenants: ['acme_eu', 'ACME.EU'], environment: {} })).toThrow(
      /"acme_eu" and "ACME.EU" would both read RAMPART_ACME_EU__/,
    );
    expect(() => environmentSecretsProvider({ tenants: ['-acme'], environment: {} })).toThrow(
      SecretsConfigurationError,
    );
  });

  it('answers an undeclared tenant with nothing, even when variables for its name exist', async () => {
    const provider = environmentSecretsProvider({
      tenants: ['acme'],
      environment: { RAMPART_GLOBEX__OKTA__TOKEN: 'token-of-globex' },
    });
    const error = await provider.get('globex', 'okta').catch((caught: unknown) => caught);
    expect(SecretsNotFoundError.isInstance(error)).toBe(true);
    expect(inspect(error)).not.toContain('token-of-globex');
  });

  it('names the variables to set when none are, and picks up a rotated value at the next call', async () => {
    const environment: Record<string, string> = {};
    const provider = environmentSecretsProvider({ tenants: ['acme'], environment });
    await expect(provider.get('acme', 'okta')).rejects.toThrow(/set RAMPART_ACME__OKTA__<KEY>/);
    environment.RAMPART_ACME__OKTA__TOKEN = 'first';
    expect((await provider.get('acme', 'okta')).require('token').reveal()).toBe('first');
    environment.RAMPART_ACME__OKTA__TOKEN = 'rotated';
    expect((await provider.get('acme', 'okta')).require('token').reveal()).toBe('rotated');
  });
});
