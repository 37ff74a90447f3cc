import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMicrosoft365MailConnector } from '../generated/connector.js';
import { createMicrosoft365MailMockVendor } from '../generated/mocks.js';
import { ListInboxRulesOutput, ListMessageAttachmentsOutput } from '../generated/schemas.js';
import { normalizeMicrosoft365MailAlerts } from '../index.js';
import { createMicrosoft365MailSocActions, messageDetailFields } from './message-details.js';

function fixture(name: string) {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const { attachments: _, ...phish } = fixture('messages-suspicious.json').value[0];
const attachmentsList = fixture('attachments-list.json');

const vendor = createMicrosoft365MailMockVendor({
  getMessage: { respond: phish },
  listMessageAttachments: { respond: attachmentsList },
});
const server = startMockServer(vendor.handlers);
const mail = createMicrosoft365MailConnector({
  credentials: { type: 'bearer', token: 'test-token' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const { getMessageDetails } = createMicrosoft365MailSocActions(mail);

afterEach(() => vendor.reset());
afterAll(async () => {
  await mail.close();
  server.close();
});

describe('fixtures of the other mail operations', () => {
  it('parse through their output schemas', () => {
    expect(ListMessageAttachmentsOutput.parse(attachmentsList).value?.[0]?.size).toBe(4381);
    const rules = ListInboxRulesOutput.parse(fixture('inbox-rules.json'));
    expect(rules.value?.[0]?.actions?.forwardTo?.[0]?.emailAddress?.address).toBe('adele.v.backup@mailbox.example');
  });
});

describe('getMessageDetails', () => {
  it('reads the message with its headers, then its attachments without content, and normalizes as one alert', async () => {
    const details = await getMessageDetails({ mailbox: 'AdeleV@contoso.com', messageId: phish.id });
    const [message, attachments] = vendor.requests;
    expect(message?.operation).toBe('getMessage');
    expect(message?.url.searchParams.get('$select')).toBe(messageDetailFields);
    expect(messageDetailFields).toContain('internetMessageHeaders');
    expect(attachments?.operation).toBe('listMessageAttachments');
    expect(attachments?.url.searchParams.get('$select')).toContain('size');
    expect(details.attachments.map((attachment) => attachment.name)).toEqual(['INV-2024-0612.html']);
    const [alert] = normalizeMicrosoft365MailAlerts(details);
    expect(alert).toMatchObject({
      class_uid: 4009,
      severity_id: 4,
      email: { files: [{ name: 'INV-2024-0612.html' }] },
    });
  });

  it('skips the attachment call when the message has none', async () => {
    vendor.reset();
    const noAttachments = { ...phish, hasAttachments: false };
    const local = createMicrosoft365MailMockVendor({ getMessage: { respond: noAttachments } });
    server.use(...local.handlers);
    const details = await getMessageDetails({ mailbox: 'AdeleV@contoso.com', messageId: phish.id });
    expect(details.attachments).toEqual([]);
    expect(local.requestsFor('listMessageAttachments')).toHaveLength(0);
    server.reset();
  });

  it('is a read tool for message.get', () => {
    expect(getMessageDetails.risk).toBe('read');
    expect(getMessageDetails.capabilities).toEqual(['message.get']);
  });
});
