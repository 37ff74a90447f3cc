import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMicrosoftEntraIdConnector } from '../generated/connector.js';
import { createMicrosoftEntraIdMockVendor } from '../generated/mocks.js';
import { createMicrosoftEntraIdSocActions } from './account-actions.js';

const signIns = JSON.parse(readFileSync(new URL('../__fixtures__/sign-ins-list.json', import.meta.url), 'utf8'));
const [first, second] = signIns.value;
/** Graph's next link is the request's own URL (filter and page size kept) plus a skip token. */
function nextLinkAfter(url: URL): string {
  const next = new URL(url);
  next.searchParams.set('$skiptoken', 'page2');
  return next.toString();
}

const vendor = createMicrosoftEntraIdMockVendor({
  listSignIns: (request) =>
    request.url.searchParams.get('$skiptoken') === 'page2'
      ? { value: [second] }
      : { '@odata.context': signIns['@odata.context'], '@odata.nextLink': nextLinkAfter(request.url), value: [first] },
});
const server = startMockServer(vendor.handlers);
const entra = createMicrosoftEntraIdConnector({
  credentials: { type: 'bearer', token: 'test-token' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = createMicrosoftEntraIdSocActions(entra);

afterEach(() => vendor.reset());
afterAll(async () => {
  await entra.close();
  server.close();
});

describe('suspendUser and enableUser', () => {
  it('send accountEnabled false and true with the risk of each direction', async () => {
    expect(actions.suspendUser.risk).toBe('contain');
    expect(actions.suspendUser.capabilities).toEqual(['user.suspend']);
    expect(actions.enableUser.risk).toBe('write');
    expect(actions.enableUser.capabilities).toEqual(['user.unsuspend']);
    await actions.suspendUser({ userId: 'AdeleV@contoso.com' });
    await actions.enableUser({ userId: 'AdeleV@contoso.com' });
    const requests = vendor.requestsFor('setUserAccountEnabled');
    expect(requests.map((request) => [request.method, request.url.pathname, request.body])).toEqual([
      ['PATCH', '/v1.0/users/AdeleV%40contoso.com', { accountEnabled: false }],
      ['PATCH', '/v1.0/users/AdeleV%40contoso.com', { accountEnabled: true }],
    ]);
  });
});

describe('containUser', () => {
  it('disables the account, then revokes its sessions', async () => {
    const result = await actions.containUser({ userId: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' });
    expect(result).toEqual({
      userId: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      accountEnabled: false,
      sessionsRevoked: true,
    });
    expect(vendor.requests.map((request) => request.operation)).toEqual([
      'setUserAccountEnabled',
      'revokeSignInSessions',
    ]);
    expect(actions.containUser.capabilities).toEqual(['user.suspend', 'user.sessions.revoke']);
  });

  it('does not revoke sessions when the account could not be disabled', async () => {
    vendor.fail('setUserAccountEnabled', {
      type: 'status',
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied' } },
    });
    await expect(actions.containUser({ userId: 'AdeleV@contoso.com' })).rejects.toThrow();
    expect(vendor.requestsFor('revokeSignInSessions')).toHaveLength(0);
  });
});

describe('listUserSignIns', () => {
  it('filters by userPrincipalName, time and failure, and follows @odata.nextLink', async () => {
    const result = await actions.listUserSignIns({
      user: "o'brien@contoso.com",
      since: '2026-10-20T00:00:00Z',
      failedOnly: true,
    });
    expect(result.signIns.map((signIn) => signIn.id)).toEqual([first.id, second.id]);
    expect(result.truncated).toBe(false);
    const [page1, page2] = vendor.requestsFor('listSignIns');
    expect(page1?.url.searchParams.get('$filter')).toBe(
      "userPrincipalName eq 'o''brien@contoso.com' and createdDateTime ge 2026-10-20T00:00:00Z and status/errorCode ne 0",
    );
    expect(page1?.url.searchParams.get('$top')).toBe('50');
    expect(page2?.url.searchParams.get('$skiptoken')).toBe('page2');
    expect(page2?.url.searchParams.get('$filter')).toBe(page1?.url.searchParams.get('$filter'));
  });

  it('filters an object id by userId and stops at the limit', async () => {
    const result = await actions.listUserSignIns({ user: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', limit: 1 });
    expect(result).toMatchObject({ truncated: true });
    expect(result.signIns).toHaveLength(1);
    expect(vendor.requestsFor('listSignIns')[0]?.url.searchParams.get('$filter')).toBe(
      "userId eq '87d349ed-44d7-43e1-9a83-5f2406dee5bd'",
    );
  });
});
