import { readFileSync } from 'node:fs';
import { odataPagination, silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createMicrosoft365MailConnector } from './generated/connector.js';
import { createMicrosoft365MailMockVendor } from './generated/mocks.js';

const messages = JSON.parse(
  readFileSync(new URL('./__fixtures__/messages-suspicious.json', import.meta.url), 'utf8'),
).value;

/** Graph pages a mailbox with `$skip` in `@odata.nextLink`, keeping the request's own query. */
const vendor = createMicrosoft365MailMockVendor({
  listMessages: (request) => {
    const skip = Number(request.url.searchParams.get('$skip') ?? 0);
    const next = new URL(request.url);
    next.searchParams.set('$skip', String(skip + 1));
    return {
      value: messages.slice(skip, skip + 1),
      ...(skip + 1 < messages.length ? { '@odata.nextLink': next.toString() } : {}),
    };
  },
});
const server = startMockServer(vendor.handlers);
const mail = createMicrosoft365MailConnector({
  credentials: { type: 'bearer', token: 'test-token' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});

afterAll(async () => {
  await mail.close();
  server.close();
});

describe('Graph paging through the kit', () => {
  it('follows @odata.nextLink with the filter kept, one rate-limited call per page', async () => {
    const ids: string[] = [];
    const pages = mail.paginate(
      'listMessages',
      {
        mailbox: 'adele@contoso.com',
        filter: "from/emailAddress/address eq 'billing@contoso-invoices.example'",
        top: 1,
      },
      { pagination: odataPagination },
    );
    for await (const message of pages) ids.push(String(message.id));
    expect(ids).toEqual(messages.map((message: { id: string }) => message.id));
    const sent = vendor.requestsFor('listMessages').map((request) => request.url.searchParams);
    expect(sent.map((query) => query.get('$skip'))).toEqual([null, '1']);
    expect(new Set(sent.map((query) => query.get('$filter'))).size).toBe(1);
  });
});
