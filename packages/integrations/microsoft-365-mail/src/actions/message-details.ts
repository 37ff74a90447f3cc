import { defineTool, type ToolCallContext } from '@rampart/core/connector';
import { z } from 'zod';
import type { createMicrosoft365MailConnector } from '../generated/connector.js';
import { Attachment, Message } from '../generated/schemas.js';

type MailConnector = ReturnType<typeof createMicrosoft365MailConnector>;

/** What an analyst reads on a suspicious message; `internetMessageHeaders` only comes back when selected. */
export const messageDetailFields = [
  'id',
  'subject',
  'from',
  'sender',
  'replyTo',
  'toRecipients',
  'ccRecipients',
  'receivedDateTime',
  'sentDateTime',
  'internetMessageId',
  'internetMessageHeaders',
  'conversationId',
  'parentFolderId',
  'hasAttachments',
  'body',
  'webLink',
].join(',');

/** Each vendor call gets its own idempotency key, derived from the action's. */
function step(context: ToolCallContext, name: string): ToolCallContext {
  return context.idempotencyKey === undefined
    ? context
    : { ...context, idempotencyKey: `${context.idempotencyKey}:${name}` };
}

export const GetMessageDetailsInput = z.object({
  mailbox: z
    .string()
    .min(1)
    .describe("The mailbox owner's userPrincipalName (e.g. adele@contoso.com) or user object id."),
  messageId: z.string().min(1).describe('The Graph message id (from listMessages), not the internetMessageId.'),
});

/** The message with its headers, and its attachments (metadata only) in `attachments`. */
export const GetMessageDetailsOutput = Message.extend({ attachments: z.array(Attachment) });

/**
 * `getMessageDetails`: a suspicious message as an analyst reads it, in one tool call — the message with its internet
 * headers (Received chain, Authentication-Results, X-Originating-IP) and body, plus its attachments' names, types and
 * sizes without their content. The result feeds `normalizeMicrosoft365MailAlerts` directly.
 */
export function createMicrosoft365MailSocActions(mail: MailConnector) {
  const getMessageDetails = defineTool({
    name: 'getMessageDetails',
    description:
      'Reads a suspicious message of a Microsoft 365 mailbox for analysis: sender, reply-to, recipients, subject, body, ' +
      "internet headers (Received chain, SPF/DKIM/DMARC results, X-Originating-IP) and the attachments' names, types " +
      'and sizes (not their content). Takes the Graph message id from listMessages.',
    input: GetMessageDetailsInput,
    output: GetMessageDetailsOutput,
    risk: 'read',
    idempotent: true,
    scopes: ['Mail.Read'],
    capabilities: ['message.get'],
    async execute({ mailbox, messageId }, context) {
      const message = await mail.tools.getMessage(
        { mailbox, messageId, select: messageDetailFields },
        step(context, 'message'),
      );
      const attachments =
        message.hasAttachments === false
          ? { value: [] }
          : await mail.tools.listMessageAttachments(
              { mailbox, messageId, select: 'id,name,contentType,size,isInline,lastModifiedDateTime' },
              step(context, 'attachments'),
            );
      return { ...message, attachments: attachments.value ?? [] };
    },
  });
  return { getMessageDetails };
}
