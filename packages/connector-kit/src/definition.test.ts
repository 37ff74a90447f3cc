import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { type ConnectorTools, type CredentialsFor, defineConnector, type OperationInput } from './definition.js';

const okta = defineConnector({
  id: 'okta',
  vendor: 'Okta',
  product: 'Workforce Identity',
  categories: ['iam'],
  baseUrl: 'https://{domain}',
  baseUrlVariables: { domain: { description: 'Okta org domain', pattern: '[a-z0-9-]+\\.okta\\.com' } },
  auth: [{ type: 'ssws' }, { type: 'oauth2ClientCredentials', tokenUrl: 'https://{domain}/oauth2/v1/token' }],
  quotas: [{ id: 'users', scope: 'org', limit: 600, windowMs: 60_000, source: 'https://developer.okta.com/docs' }],
  documentation: 'https://developer.okta.com/docs/api/',
  operations: {
    suspendUser: {
      name: 'suspendUser',
      description: 'Suspends an Okta user so they cannot sign in.',
      method: 'POST',
      path: '/api/v1/users/{userId}/lifecycle/suspend',
      parameters: [{ name: 'userId', in: 'path' }],
      input: z.object({ userId: z.string() }),
      output: z.void(),
      risk: 'contain',
      idempotent: true,
      quota: 'users',
      deprecatedAliases: ['suspendOktaUser'],
    },
  },
});

describe('defineConnector', () => {
  it('returns the definition unchanged', () => {
    expect(okta.operations.suspendUser.name).toBe('suspendUser');
  });

  it('keeps literal operation names and schema types', () => {
    expectTypeOf<OperationInput<typeof okta, 'suspendUser'>>().toEqualTypeOf<{ userId: string }>();
    type Tools = ConnectorTools<typeof okta>;
    expectTypeOf<Parameters<Tools['suspendUser']>[0]>().toEqualTypeOf<{ userId: string }>();
    expectTypeOf<Parameters<Tools['suspendOktaUser']>[0]>().toEqualTypeOf<{ userId: string }>();
    expectTypeOf<CredentialsFor<(typeof okta)['auth']>['type']>().toEqualTypeOf<'ssws' | 'oauth2ClientCredentials'>();
  });
});
