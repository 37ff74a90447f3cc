import {
  type AlertNormalizer,
  defineNormalizer,
  type Observable,
  observableTypeIds,
  ocsfClasses,
} from '@rampart/core/connector';
import type { z } from 'zod';
import { Message } from '../generated/schemas.js';
import { urlsInBody } from './message-urls.js';

/**
 * A Microsoft 365 message (Graph `message` resource, as listMessages/getMessage return it) that a user reported or a
 * rule flagged → OCSF Email Activity 4009 (activity 2 Receive): sender, recipients, reply-to, the body's links
 * (refanged, Safe Links unwrapped) and the attachments' names as observables, the Authentication-Results verdicts in
 * `email_auth` and the X-Originating-IP when the headers were selected.
 *
 * Severity: a Graph message carries no verdict, so it is rated by what it could do: 2 Low for a message without
 * links or attachments, 3 Medium when it carries a link or an attachment (a payload to click or open), one step more
 * (4 High) when DMARC failed as well. `importance` is set by the sender and is ignored.
 */

type GraphMessage = z.output<typeof Message>;
type GraphRecipient = NonNullable<GraphMessage['toRecipients']>[number];

const product = { vendor_name: 'Microsoft', name: 'Microsoft 365 Exchange Online' } as const;

function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function addressesOf(recipients: readonly GraphRecipient[] | null | undefined): string[] {
  return (recipients ?? []).map((recipient) => recipient.emailAddress?.address ?? '').filter(present);
}

function header(message: GraphMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  const found = message.internetMessageHeaders?.find((entry) => entry.name?.toLowerCase() === lower);
  return present(found?.value) ? found.value : undefined;
}

/** `spf=fail ... dkim=none ... dmarc=fail` → OCSF email_auth (`spf`, `dkim`, `dmarc`). */
function emailAuthOf(results: string | undefined): Record<string, string> | undefined {
  if (results === undefined) return undefined;
  const auth: Record<string, string> = {};
  for (const method of ['spf', 'dkim', 'dmarc'] as const) {
    const match = new RegExp(`(?:^|[\\s;])${method}=([a-z]+)`, 'i').exec(results);
    if (match?.[1] !== undefined) auth[method] = match[1].toLowerCase();
  }
  return Object.keys(auth).length > 0 ? auth : undefined;
}

function normalizeMessage(message: GraphMessage) {
  const observables: Observable[] = [];
  const email = observableTypeIds.emailAddress;
  const from = message.from?.emailAddress?.address ?? message.sender?.emailAddress?.address ?? undefined;
  const sender = message.sender?.emailAddress?.address ?? undefined;
  const to = addressesOf(message.toRecipients);
  const cc = addressesOf(message.ccRecipients);
  const replyTo = addressesOf(message.replyTo);
  if (present(from)) observables.push({ name: 'email.from', type_id: email, value: from });
  if (present(sender) && sender.toLowerCase() !== from?.toLowerCase()) {
    observables.push({ name: 'email.sender', type_id: email, value: sender });
  }
  for (const address of to) observables.push({ name: 'email.to', type_id: email, value: address });
  for (const address of cc) observables.push({ name: 'email.cc', type_id: email, value: address });
  for (const address of replyTo) observables.push({ name: 'email.reply_to', type_id: email, value: address });

  const urls = urlsInBody(message.body?.content, message.body?.contentType);
  for (const url of urls)
    observables.push({ name: 'email.urls.url_string', type_id: observableTypeIds.urlString, value: url });
  const attachments = (message.attachments ?? []).filter((attachment) => present(attachment.name));
  for (const attachment of attachments) {
    observables.push({ name: 'email.files.name', type_id: observableTypeIds.fileName, value: attachment.name! });
  }
  const originatingIp = header(message, 'X-Originating-IP')
    ?.replace(/^\[|\]$/g, '')
    .trim();
  if (present(originatingIp)) {
    observables.push({ name: 'email.x_originating_ip', type_id: observableTypeIds.ipAddress, value: originatingIp });
  }
  // The Graph id is what deleteMessage and purgeMessage take; it is kept where the OCSF email object has no slot.
  observables.push({ name: 'unmapped.graph.message_id', type_id: observableTypeIds.other, value: message.id });

  const auth = emailAuthOf(header(message, 'Authentication-Results'));
  const payload = urls.length > 0 || attachments.length > 0 || message.hasAttachments === true;
  const severityId = Math.min(4, (payload ? 3 : 2) + (auth?.dmarc === 'fail' ? 1 : 0));
  const returnPath = header(message, 'Return-Path')?.replace(/^<|>$/g, '');
  const time =
    [message.receivedDateTime, message.sentDateTime, message.createdDateTime]
      .map((text) => (present(text) ? Date.parse(text) : Number.NaN))
      .find((value) => !Number.isNaN(value)) ?? 0;
  const subject = present(message.subject) ? message.subject : '(no subject)';
  const declared = ocsfClasses.emailActivity;
  return {
    class_uid: declared.class_uid,
    class_name: declared.class_name,
    category_uid: declared.category_uid,
    category_name: declared.category_name,
    activity_id: 2,
    activity_name: 'Receive',
    type_uid: declared.class_uid * 100 + 2,
    severity_id: severityId,
    time,
    message: `Email "${subject}" from ${from ?? 'an unknown sender'} to ${to.join(', ') || 'undisclosed recipients'}`,
    email: {
      ...(present(message.conversationId) && { uid: message.conversationId }),
      ...(present(message.internetMessageId) && { message_uid: message.internetMessageId }),
      subject,
      ...(present(from) && { from }),
      ...(present(sender) && { sender }),
      ...(to.length > 0 && { to }),
      ...(cc.length > 0 && { cc }),
      // reply_to is deprecated in OCSF 1.4 for reply_to_list; both are set so older consumers read it too.
      ...(replyTo.length > 0 && { reply_to: replyTo[0], reply_to_list: replyTo }),
      ...(present(returnPath) && { return_path: returnPath }),
      ...(present(originatingIp) && { x_originating_ip: [originatingIp] }),
      ...(typeof message.isRead === 'boolean' && { is_read: message.isRead }),
      ...(urls.length > 0 && { urls: urls.map((url) => ({ url_string: url })) }),
      ...(attachments.length > 0 && {
        files: attachments.map((attachment) => ({
          name: attachment.name,
          type_id: 1,
          ...(typeof attachment.size === 'number' && { size: attachment.size }),
          ...(present(attachment.contentType) && { mime_type: attachment.contentType }),
        })),
      }),
    },
    ...(auth && { email_auth: auth }),
    observables,
    metadata: {
      product,
      uid: message.id,
      ...(present(message.receivedDateTime) && { original_time: message.receivedDateTime }),
    },
    raw_data: JSON.stringify(message),
    unmapped: {
      graph: {
        message_id: message.id,
        ...(present(message.parentFolderId) && { parentFolderId: message.parentFolderId }),
        ...(present(message.webLink) && { webLink: message.webLink }),
        ...(present(message.inferenceClassification) && { inferenceClassification: message.inferenceClassification }),
        ...(present(message.importance) && { importance: message.importance }),
        ...(typeof message.hasAttachments === 'boolean' && { hasAttachments: message.hasAttachments }),
        ...(present(header(message, 'X-MS-Exchange-Organization-SCL')) && {
          spamConfidenceLevel: header(message, 'X-MS-Exchange-Organization-SCL'),
        }),
      },
    },
  };
}

function isMessage(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    ('from' in record || 'sender' in record || 'toRecipients' in record) &&
    ('receivedDateTime' in record || 'sentDateTime' in record) &&
    Message.safeParse(payload).success
  );
}

/** Microsoft 365 messages (Graph `message`) → OCSF Email Activity 4009. */
export const microsoft365MessageNormalizer: AlertNormalizer = defineNormalizer({
  id: 'microsoft-365-mail.message',
  connectorId: 'microsoft-365-mail',
  description: 'Reported or suspicious Microsoft 365 messages (Graph message) as OCSF Email Activity events.',
  input: Message,
  matches: isMessage,
  normalize: normalizeMessage,
});
