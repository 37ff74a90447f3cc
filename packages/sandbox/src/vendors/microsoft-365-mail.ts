import {
  alertNormalizers,
  createMicrosoft365MailSocActions,
  microsoft365MailConnector,
} from '@rampart/connector-microsoft-365-mail';
import { microsoft365MailHandlers } from '@rampart/connector-microsoft-365-mail/testing';
import type { MessageState, World } from '../world/world.js';
import { hexId } from '../world/derived-ids.js';
import { sandboxDirectoryTenantId } from './bind-vendor.js';
import { htmlBody, matchesSearch } from './mail-search.js';
import { equalityConditions, iso, noContent, text, vendorError } from './responses.js';
import { filterAlerts } from './vendor-alerts.js';
import { defineVendorBinding } from './vendor-binding.js';

const graph = 'https://graph.microsoft.com/v1.0';

function notFound(what: string): Response {
  return vendorError(404, {
    error: { code: 'ErrorItemNotFound', message: `The specified object was not found in the store. (${what})` },
  });
}

const folderIds = new Map<string, string>();
function folderId(name: string): string {
  const existing = folderIds.get(name);
  if (existing !== undefined) return existing;
  const id = `AAMkAD${hexId(`folder:${name}`, 40)}AAA=`;
  folderIds.set(name, id);
  return id;
}

const wellKnownFolders: Record<string, string> = {
  inbox: 'Inbox',
  junkemail: 'Junk Email',
  deleteditems: 'Deleted Items',
  archive: 'Archive',
  drafts: 'Drafts',
  sentitems: 'Sent Items',
};

function recipient(address: string, name?: string) {
  return { emailAddress: { name: name ?? address, address } };
}

function graphMessage(world: World, message: MessageState) {
  const owner = world.findUser(message.mailbox);
  return {
    '@odata.etag': `W/"${hexId(`etag:${message.id}:${message.folder}`, 16)}"`,
    id: message.id,
    createdDateTime: iso(message.receivedAt),
    lastModifiedDateTime: iso(message.receivedAt),
    receivedDateTime: iso(message.receivedAt),
    sentDateTime: iso(message.receivedAt - 4_000),
    hasAttachments: message.attachments.length > 0,
    internetMessageId: message.internetMessageId,
    subject: message.subject,
    bodyPreview: message.body.slice(0, 255),
    importance: 'normal',
    parentFolderId: folderId(message.folder),
    conversationId: `AAQkAD${hexId(`conversation:${message.internetMessageId}`, 32)}=`,
    isRead: message.isRead,
    isDraft: false,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(message.id)}`,
    inferenceClassification: 'focused',
    body: { contentType: 'html', content: htmlBody(message) },
    sender: recipient(message.from, message.fromName),
    from: recipient(message.from, message.fromName),
    toRecipients: message.to.map((address) => recipient(address, address === owner?.email ? owner.name : undefined)),
    ccRecipients: [],
    bccRecipients: [],
    replyTo: [],
  };
}

/** The mailbox's message, or a Graph 404. */
function findMessage(world: World, input: Record<string, unknown>): MessageState | Response {
  const mailbox = text(input, 'mailbox') ?? '';
  const id = text(input, 'messageId') ?? '';
  const message = world.messagesOf(mailbox).find((candidate) => candidate.id === id);
  return message ?? notFound(`message ${id} in ${mailbox}`);
}

function graphField(message: ReturnType<typeof graphMessage>, path: string): unknown {
  let current: unknown = message;
  for (const segment of path.split('/')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

type SecurityAlert = Record<string, unknown> & { id?: string };

/** The connector's Microsoft 365 Defender alerts (the world also holds reported messages under this connector). */
function securityAlerts(world: World): SecurityAlert[] {
  return (world.alertsOf('microsoft-365-mail') as SecurityAlert[]).filter(
    (alert) => alert.internetMessageId === undefined,
  );
}

/** Microsoft 365 mail (Exchange Online through Microsoft Graph): mailboxes, messages, and Defender alerts. */
export const microsoft365MailVendor = defineVendorBinding({
  id: 'microsoft-365-mail',
  definition: microsoft365MailConnector,
  latencyMs: 250,
  credentials: {
    type: 'oauth2ClientCredentials',
    clientId: 'sandbox-mail-client',
    clientSecret: 'sandbox-mail-secret',
    tokenUrlVariables: { tenantId: sandboxDirectoryTenantId },
  },
  fallbackHandlers: () => microsoft365MailHandlers(),
  alertNormalizers,
  socTools: (connector) => createMicrosoft365MailSocActions(connector),
  responders: {
    listMessages: ({ world, input }) => {
      const mailbox = text(input, 'mailbox') ?? '';
      if (world.findUser(mailbox) === undefined && world.messagesOf(mailbox).length === 0) {
        return notFound(`mailbox ${mailbox}`);
      }
      const conditions = equalityConditions(text(input, 'filter'));
      const messages = world
        .messagesOf(mailbox)
        .filter((message) => matchesSearch(message, text(input, 'search')))
        .map((message) => graphMessage(world, message))
        .filter((message) =>
          conditions.every(({ field, value }) => {
            const found = graphField(message, field);
            return found === undefined || String(found).toLowerCase() === value.toLowerCase();
          }),
        )
        .sort((a, b) => b.receivedDateTime.localeCompare(a.receivedDateTime));
      const top = typeof input.top === 'number' ? input.top : Number(input.top ?? 10) || 10;
      return {
        '@odata.context': `${graph}/$metadata#users('${mailbox}')/messages`,
        value: messages.slice(0, top),
      };
    },
    getMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      return message instanceof Response ? message : graphMessage(world, message);
    },
    listMessageAttachments: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      return {
        value: message.attachments.map((attachment, index) => ({
          '@odata.type': '#microsoft.graph.fileAttachment',
          id: `AAMkAD${hexId(`attachment:${message.id}:${index}`, 24)}=`,
          name: attachment.name,
          contentType: attachment.contentType,
          size: attachment.size,
          isInline: false,
          lastModifiedDateTime: iso(message.receivedAt),
        })),
      };
    },
    listInboxRules: () => ({ value: [] }),
    moveMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      const destination = text(input, 'destinationId') ?? 'inbox';
      message.folder = wellKnownFolders[destination.toLowerCase()] ?? destination;
      return graphMessage(world, message);
    },
    deleteMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      message.folder = 'Deleted Items';
      return noContent();
    },
    purgeMessage: ({ world, input }) => {
      const message = findMessage(world, input);
      if (message instanceof Response) return message;
      world.purgeMessage(message);
      return noContent();
    },
    listSecurityAlerts: ({ world, input }) => ({
      '@odata.context': `${graph}/$metadata#security/alerts_v2`,
      value: filterAlerts(securityAlerts(world), text(input, 'filter')),
    }),
    getSecurityAlert: ({ world, input }) => {
      const id = text(input, 'alertId');
      return securityAlerts(world).find((alert) => alert.id === id) ?? notFound(`alert ${id}`);
    },
  },
});
