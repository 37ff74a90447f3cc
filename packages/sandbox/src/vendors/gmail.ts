import { alertNormalizers, gmailConnector, gmailSocActions } from '@rampart/connector-gmail';
import { gmailHandlers } from '@rampart/connector-gmail/testing';
import type { MessageState, World } from '../world/world.js';
import { hexId } from '../world/derived-ids.js';
import { htmlBody, matchesSearch, plainBody } from './mail-search.js';
import { noContent, text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

function notFound(what: string): Response {
  return vendorError(404, {
    error: { code: 404, message: `Requested entity was not found. (${what})`, status: 'NOT_FOUND' },
  });
}

const base64url = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

function labelsOf(message: MessageState): string[] {
  if (message.folder === 'Trash') return ['TRASH'];
  if (message.folder === 'Junk Email') return ['SPAM'];
  return ['INBOX', ...(message.isRead ? [] : ['UNREAD'])];
}

function gmailMessage(message: MessageState) {
  const plain = plainBody(message);
  const html = htmlBody(message);
  const headers = [
    { name: 'Delivered-To', value: message.mailbox },
    { name: 'From', value: message.fromName ? `${message.fromName} <${message.from}>` : message.from },
    { name: 'To', value: message.to.join(', ') },
    { name: 'Subject', value: message.subject },
    { name: 'Date', value: new Date(message.receivedAt).toUTCString() },
    { name: 'Message-ID', value: message.internetMessageId },
  ];
  return {
    id: message.id,
    threadId: message.id,
    labelIds: labelsOf(message),
    snippet: message.body.slice(0, 120),
    payload: {
      partId: '',
      mimeType: 'multipart/mixed',
      filename: '',
      headers,
      body: { size: 0 },
      parts: [
        {
          partId: '0',
          mimeType: 'multipart/alternative',
          filename: '',
          headers: [{ name: 'Content-Type', value: 'multipart/alternative' }],
          body: { size: 0 },
          parts: [
            {
              partId: '0.0',
              mimeType: 'text/plain',
              filename: '',
              headers: [],
              body: { size: plain.length, data: base64url(plain) },
            },
            {
              partId: '0.1',
              mimeType: 'text/html',
              filename: '',
              headers: [],
              body: { size: html.length, data: base64url(html) },
            },
          ],
        },
        ...message.attachments.map((attachment, index) => ({
          partId: String(index + 1),
          mimeType: attachment.contentType,
          filename: attachment.name,
          headers: [{ name: 'Content-Disposition', value: `attachment; filename="${attachment.name}"` }],
          body: { attachmentId: `ANGj${hexId(`gmail-attachment:${message.id}:${index}`, 40)}`, size: attachment.size },
        })),
      ],
    },
    sizeEstimate: plain.length + html.length + 2_048,
    historyId: String(4_400_000 + message.receivedAt / 1000),
    internalDate: String(message.receivedAt),
  };
}

function mailboxOf(world: World, input: Record<string, unknown>): string {
  const userId = text(input, 'userId') ?? 'me';
  return userId === 'me' ? (world.users[0]?.email ?? '') : userId;
}

function findMessage(world: World, input: Record<string, unknown>): MessageState | Response {
  const id = text(input, 'messageId') ?? '';
  const message = world.messagesOf(mailboxOf(world, input)).find((candidate) => candidate.id === id);
  return message ?? notFound(`message ${id}`);
}

/** Gmail: mailboxes and messages (trash, delete, filters), from the world's mailboxes. */
export const gmailVendor = defineVendorBinding({
  id: 'gmail',
  definition: gmailConnector,
  latencyMs: 250,
  credentials: { type: 'bearer', token: 'sandbox-gmail-token' },
  fallbackHandlers: () => gmailHandlers(),
  alertNormalizers,
  socTools: (connector) => gmailSocActions(connector),
  classify: {
    createFilter: (input) =>
      typeof (input.action as { forward?: unknown } | undefined)?.forward === 'string'
        ? { capabilities: ['mail.forward'], risk: 'write' }
        : { capabilities: ['indicator.block'], risk: 'write' },
  },
  responders: {
    searchMessages: ({ world, input }) => {
      const includeSpamTrash = input.includeSpamTrash === true || input.includeSpamTrash === 'true';
      const messages = world
        .messagesOf(mailboxOf(world, input))
        .filter((message) => includeSpamTrash || (message.folder !== 'Trash' && message.folder !== 'Junk Email'))
        .filter((message) => matchesSearch(message, text(input, 'q')))
        .sort((a, b) => b.receivedAt - a.receivedAt);
      return {
        messages: messages.map((message) => ({ id: message.id, threadId: message.id })),
        resultSizeEstimate: messages.length,
      };
    },
    getMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      return message instanceof Response ? message : gmailMessage(message);
    },
    trashMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      message.folder = 'Trash';
      return gmailMessage(message);
    },
    untrashMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      message.folder = 'Inbox';
      return gmailMessage(message);
    },
    deleteMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      world.purgeMessage(message);
      return noContent();
    },
    modifyMessageLabels: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      const added = Array.isArray(input.addLabelIds) ? (input.addLabelIds as string[]) : [];
      if (added.includes('TRASH')) message.folder = 'Trash';
      else if (added.includes('SPAM')) message.folder = 'Junk Email';
      return gmailMessage(message);
    },
    listFilters: ({ world }) => ({ filter: world.vendorState<unknown[]>('gmail.filters', () => []) }),
    createFilter: ({ world, input, at }) => {
      const filters = world.vendorState<Record<string, unknown>[]>('gmail.filters', () => []);
      const filter = {
        id: `ANe1Bm${hexId(`gmail-filter:${at}:${filters.length}`, 16)}`,
        criteria: input.criteria,
        action: input.action,
      };
      filters.push(filter);
      return filter;
    },
  },
});
