import { describe, expect, it } from 'vitest';
import { acme } from '../test/support/acme.js';
import { defineConnector } from './definition.js';
import { connectorOptionsFromEnvironment, environmentName } from './environment.js';
import { ConnectorConfigurationError } from './errors.js';

describe('environmentName', () => {
  it('upper-snake-cases the connector id and the key', () => {
    expect(environmentName('microsoft-entra-id', 'tenantId')).toBe('RAMPART_MICROSOFT_ENTRA_ID_TENANT_ID');
    expect(environmentName('okta', 'token')).toBe('RAMPART_OKTA_TOKEN');
  });
});

describe('connectorOptionsFromEnvironment', () => {
  const twoMethods = defineConnector({
    ...acme,
    id: 'entra',
    baseUrl: 'https://{host}',
    baseUrlVariables: { host: { description: 'API host', default: 'graph.example.com' } },
    auth: [
      {
        type: 'oauth2ClientCredentials',
        tokenUrl: 'https://login.example.com/{tenantId}/token',
      },
      { type: 'bearer' },
    ],
  });

  it('reads base URL variables (with defaults) and the first auth method whose variables are set', () => {
    expect(
      connectorOptionsFromEnvironment(twoMethods, {
        RAMPART_ENTRA_CLIENT_ID: 'app',
        RAMPART_ENTRA_CLIENT_SECRET: 's3cret',
        RAMPART_ENTRA_TENANT_ID: 'contoso',
        RAMPART_ENTRA_TOKEN: 'ignored: the first complete method wins',
      }),
    ).toEqual({
      baseUrlVariables: { host: 'graph.example.com' },
      credentials: {
        type: 'oauth2ClientCredentials',
        clientId: 'app',
        clientSecret: 's3cret',
        tokenUrlVariables: { tenantId: 'contoso' },
      },
    });
    expect(connectorOptionsFromEnvironment(twoMethods, { RAMPART_ENTRA_TOKEN: 't' }).credentials).toEqual({
      type: 'bearer',
      token: 't',
    });
  });

  it('names every missing variable, and never a secret value', () => {
    try {
      connectorOptionsFromEnvironment(twoMethods, { RAMPART_ENTRA_CLIENT_ID: 'app' });
      expect.unreachable();
    } catch (error) {
      expect(ConnectorConfigurationError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('RAMPART_ENTRA_CLIENT_ID + RAMPART_ENTRA_CLIENT_SECRET');
      expect((error as Error).message).toContain('RAMPART_ENTRA_TOKEN');
    }
  });
});
