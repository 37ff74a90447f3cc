import type { QuotaDefinition } from '@rampart/connector-kit';
import { oktaConnector } from '@rampart/connector-okta';

/**
 * What the connector benchmarks serve and call: a user as Okta's `GET /api/v1/users/{id}` returns it (every field
 * the management API sends for an active user, `_links` included, ~1.9 kB), the response headers Okta sends with
 * it, and the Okta connector definition pointed at a loopback server.
 */

export const benchUserId = '00u8f3kq2bXy7Lm4N0h7';
export const benchToken = '00bench-ssws-token-for-a-loopback-server-only';

export const oktaUser = {
  id: benchUserId,
  status: 'ACTIVE',
  created: '2024-03-11T09:14:27.000Z',
  activated: '2024-03-11T09:14:28.000Z',
  statusChanged: '2024-03-11T09:20:02.000Z',
  lastLogin: '2026-11-26T07:58:41.000Z',
  lastUpdated: '2026-10-02T15:03:19.000Z',
  passwordChanged: '2026-08-30T12:44:05.000Z',
  type: { id: 'oty1a2b3c4d5e6f7g8h9' },
  profile: {
    firstName: 'Priya',
    lastName: 'Raman',
    mobilePhone: '+1-415-555-0142',
    secondEmail: null,
    login: 'priya.raman@acme.example',
    email: 'priya.raman@acme.example',
    displayName: 'Priya Raman',
    title: 'Senior Financial Analyst',
    department: 'Finance',
    organization: 'Acme Corporation',
    manager: 'daniel.okafor@acme.example',
    managerId: '00u5q9w2e8r7t6y5u4i3',
    employeeNumber: 'E-104233',
    userType: 'Employee',
    city: 'San Francisco',
    countryCode: 'US',
  },
  credentials: {
    password: {},
    emails: [{ value: 'priya.raman@acme.example', status: 'VERIFIED', type: 'PRIMARY' }],
    provider: { type: 'OKTA', name: 'OKTA' },
  },
  _links: Object.fromEntries(
    [
      ['suspend', 'lifecycle/suspend', 'POST'],
      ['schema', null, 'GET'],
      ['resetPassword', 'lifecycle/reset_password', 'POST'],
      ['forgotPassword', 'credentials/forgot_password', 'POST'],
      ['expirePassword', 'lifecycle/expire_password', 'POST'],
      ['changeRecoveryQuestion', 'credentials/change_recovery_question', 'POST'],
      ['self', '', 'GET'],
      ['type', null, 'GET'],
      ['changePassword', 'credentials/change_password', 'POST'],
      ['deactivate', 'lifecycle/deactivate', 'POST'],
    ].map(([name, suffix, method]) => {
      const base = `https://acme.okta.com/api/v1/users/${benchUserId}`;
      const href =
        name === 'schema'
          ? 'https://acme.okta.com/api/v1/meta/schemas/user/osc1a2b3c4d5e6f7g8h9'
          : name === 'type'
            ? 'https://acme.okta.com/api/v1/meta/types/user/oty1a2b3c4d5e6f7g8h9'
            : suffix === ''
              ? base
              : `${base}/${suffix}`;
      return [name as string, { href, method: method as string }];
    }),
  ),
};

export const oktaUserBody = JSON.stringify(oktaUser);

/** Headers Okta answers a management API call with; the rate-limit trio is what the kit reads. */
export function oktaHeaders(budget: { limit: number; remaining: number; resetEpochSeconds: number }) {
  return {
    'content-type': 'application/json',
    'cache-control': 'no-cache, no-store',
    pragma: 'no-cache',
    expires: '0',
    vary: 'Accept-Encoding',
    'x-okta-request-id': 'Y2hhbmdlLW1lLWJlbmNoLXJlcXVlc3QtaWQ',
    'x-rate-limit-limit': String(budget.limit),
    'x-rate-limit-remaining': String(budget.remaining),
    'x-rate-limit-reset': String(budget.resetEpochSeconds),
  };
}

/** Okta's answer past a rate limit (error code E0000047). */
export const oktaRateLimitedBody = JSON.stringify({
  errorCode: 'E0000047',
  errorSummary: 'API call exceeded rate limit due to too many requests.',
  errorLink: 'E0000047',
  errorId: 'oaeBenchRateLimited',
  errorCauses: [],
});

/**
 * The generated Okta connector, unchanged but for its base URL (a loopback origin instead of `https://{domain}`,
 * whose pattern only admits Okta domains) and, where a benchmark says so, its quotas.
 */
export function loopbackOktaDefinition(
  baseUrl: string,
  quotas: (quota: QuotaDefinition) => QuotaDefinition = (quota) => quota,
) {
  const { baseUrlVariables: _ignored, ...rest } = oktaConnector;
  return { ...rest, baseUrl, quotas: oktaConnector.quotas.map(quotas) };
}
