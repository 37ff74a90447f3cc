import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { RampartError } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createOktaConnector } from '../generated/connector.js';
import { createOktaMockVendor } from '../generated/mocks.js';
import { createOktaSocActions } from './reset-user-access.js';

const vendor = createOktaMockVendor();
const server = startMockServer(vendor.handlers);
const okta = createOktaConnector({
  credentials: { type: 'ssws', token: 'test-token' },
  baseUrlVariables: { domain: 'acme.okta.com' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const { resetUserAccess } = createOktaSocActions(okta);

afterEach(() => vendor.reset());
afterAll(async () => {
  await okta.close();
  server.close();
});

describe('resetUserAccess', () => {
  it('is a destructive, idempotent action that revokes sessions and resets factors', () => {
    expect(resetUserAccess.risk).toBe('destructive');
    expect(resetUserAccess.idempotent).toBe(true);
    expect(resetUserAccess.capabilities).toEqual(['user.sessions.revoke', 'user.factors.reset']);
    expect(resetUserAccess.annotations.destructiveHint).toBe(true);
  });

  it('resolves the login, clears sessions with OAuth tokens, then resets factors', async () => {
    const result = await resetUserAccess({ userId: 'mateo.garcia@example.com' });
    expect(result).toEqual({
      userId: '00ub0oNGTSWTBKOLGLNR',
      login: 'mateo.garcia@example.com',
      sessionsCleared: true,
      oauthTokensRevoked: true,
      factorsReset: true,
    });
    expect(vendor.requests.map((request) => `${request.method} ${request.url.pathname}${request.url.search}`)).toEqual([
      'GET /api/v1/users/mateo.garcia%40example.com',
      'DELETE /api/v1/users/00ub0oNGTSWTBKOLGLNR/sessions?oauthTokens=true',
      'POST /api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/reset_factors',
    ]);
  });

  it('stops when sessions cannot be cleared: factors are left alone', async () => {
    vendor.fail('clearUserSessions', { type: 'status', status: 403, body: { errorCode: 'E0000006' } });
    const error = await resetUserAccess({ userId: '00ub0oNGTSWTBKOLGLNR' }).catch((caught: unknown) => caught);
    expect(RampartError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/clearUserSessions|403/);
    expect(vendor.requestsFor('resetUserFactors')).toHaveLength(0);
  });
});
