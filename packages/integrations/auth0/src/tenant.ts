import { createConnector } from '@rampart/connector-kit';
import { type Auth0ConnectorOptions, auth0Connector } from './generated/connector.js';

/**
 * Auth0's token endpoint issues Management API tokens only for the audience `https://<tenant domain>/api/v2/`, which
 * depends on the tenant, while a manifest's `audience` is one fixed string. This fills it in from `tenantDomain`.
 */
export function auth0ManagementAudience(tenantDomain: string): string {
  return `https://${tenantDomain}/api/v2/`;
}

/** `createAuth0Connector`, with the machine-to-machine method's audience set for the tenant. */
export function createAuth0TenantConnector(
  options: Auth0ConnectorOptions & { baseUrlVariables: { tenantDomain: string } },
) {
  const audience = auth0ManagementAudience(options.baseUrlVariables.tenantDomain);
  const auth = auth0Connector.auth.map((method) =>
    method.type === 'oauth2ClientCredentials' ? { ...method, audience } : method,
  );
  return createConnector({ ...auth0Connector, auth }, options);
}
