import type { Transport, TransportRequest } from '@rampart/connector-kit';
import { describe, expect, it } from 'vitest';
import { auth0ManagementAudience, createAuth0TenantConnector } from './tenant.js';

/** Answers the token request and one user lookup, recording what was sent. */
function recordingTransport(sent: TransportRequest[]): Transport {
  return {
    async send(request) {
      sent.push(request);
      const json = { 'content-type': 'application/json' };
      if (new URL(request.url).pathname === '/oauth/token') {
        return { status: 200, headers: json, body: JSON.stringify({ access_token: 'token', expires_in: 3600 }) };
      }
      return { status: 200, headers: json, body: JSON.stringify({ user_id: 'auth0|1', blocked: false }) };
    },
  };
}

describe('createAuth0TenantConnector', () => {
  it('names the tenant Management API as the token audience', () => {
    expect(auth0ManagementAudience('acme.eu.auth0.com')).toBe('https://acme.eu.auth0.com/api/v2/');
  });

  it("requests machine-to-machine tokens for the tenant's Management API", async () => {
    const sent: TransportRequest[] = [];
    const connector = createAuth0TenantConnector({
      baseUrlVariables: { tenantDomain: 'acme.us.auth0.com' },
      credentials: { type: 'oauth2ClientCredentials', clientId: 'client', clientSecret: 'secret' },
      transport: recordingTransport(sent),
    });
    await connector.tools.getUser({ userId: 'auth0|1' });
    const token = sent.find((request) => new URL(request.url).pathname === '/oauth/token');
    expect(new URLSearchParams(String(token?.body)).get('audience')).toBe('https://acme.us.auth0.com/api/v2/');
    expect(sent.at(-1)?.headers.authorization).toBe('Bearer token');
  });
});
