import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createGmailConnector } from './generated/connector.js';
import { createGmailMockVendor } from './generated/mocks.js';
import { gmailSocActions } from './soc-actions.js';

const vendor = createGmailMockVendor({
  searchMessages: {
    respond: {
      messages: [
        { id: '18f7a3c2d1e0b9f8', threadId: '18f7a3c2d1e0b9f8' },
        { id: '18f7a3c2d1e0b9e1', threadId: '18f7a3c2d1e0b9e1' },
      ],
      nextPageToken: 'more',
    },
  },
  trashMessage: (request) => ({ id: request.params.id, labelIds: ['TRASH'] }),
  createFilter: (request) => ({ id: 'ANe1BmjQ3v9', ...(request.body as object) }),
});
const server = startMockServer(vendor.handlers);
const connector = createGmailConnector({
  credentials: { type: 'bearer', token: 'test-token' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = gmailSocActions(connector);

afterEach(() => vendor.reset());
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('trashMessagesMatching', () => {
  it('searches the mailbox, trashes each match and reports that more matched', async () => {
    const result = await actions.trashMessagesMatching({ query: 'rfc822msgid:<CAJx7Lq9bZ3m2P@mail.example>' });
    expect(result).toEqual({ trashedMessageIds: ['18f7a3c2d1e0b9f8', '18f7a3c2d1e0b9e1'], moreMatched: true });
    const [search] = vendor.requestsFor('searchMessages');
    expect(search?.url.pathname).toBe('/gmail/v1/users/me/messages');
    expect(search?.url.searchParams.get('q')).toBe('rfc822msgid:<CAJx7Lq9bZ3m2P@mail.example>');
    expect(search?.url.searchParams.get('maxResults')).toBe('50');
    expect(vendor.requestsFor('trashMessage').map((request) => request.url.pathname)).toEqual([
      '/gmail/v1/users/me/messages/18f7a3c2d1e0b9f8/trash',
      '/gmail/v1/users/me/messages/18f7a3c2d1e0b9e1/trash',
    ]);
  });

  it('is containment that purges messages', () => {
    expect(actions.trashMessagesMatching.risk).toBe('contain');
    expect(actions.trashMessagesMatching.capabilities).toEqual(['message.purge']);
    expect(actions.trashMessagesMatching.annotations.destructiveHint).toBe(true);
  });
});

describe('blockSender', () => {
  it('creates a filter that trashes the sender’s new mail, in the named mailbox', async () => {
    const filter = await actions.blockSender({ userId: 'jane.doe@acme.example', sender: '@payro11-update.example' });
    expect(filter.id).toBe('ANe1BmjQ3v9');
    const [request] = vendor.requestsFor('createFilter');
    expect(request?.url.pathname).toBe('/gmail/v1/users/jane.doe%40acme.example/settings/filters');
    expect(request?.body).toEqual({
      criteria: { from: '@payro11-update.example' },
      action: { addLabelIds: ['TRASH'] },
    });
    expect(actions.blockSender.capabilities).toEqual(['indicator.block']);
  });

  it('rejects a sender that is not an address or @domain before calling Gmail', async () => {
    await expect(actions.blockSender({ sender: 'payroll' })).rejects.toThrow(/address or @domain/);
    expect(vendor.requests).toHaveLength(0);
  });
});
