import { defineTool } from '@rampart/core/connector';
import { z } from 'zod';
import type { createGmailConnector } from './generated/connector.js';
import { Filter } from './generated/schemas.js';

type GmailConnector = ReturnType<typeof createGmailConnector>;

const userId = z
  .string()
  .min(1)
  .default('me')
  .describe('The mailbox: its email address, or "me" (default) for the user the token was issued for.');

/**
 * SOC actions on one mailbox that the raw API spreads over several calls (search, then trash each match) or names
 * poorly (a sender block is a filter whose action is TRASH).
 */
export function gmailSocActions(connector: GmailConnector) {
  const trashMessagesMatching = defineTool({
    name: 'trashMessagesMatching',
    description:
      'Removes every message matching a Gmail search from the mailbox by moving it to Trash (recoverable with ' +
      'untrashMessage for 30 days): e.g. rfc822msgid:<message-id> for one reported phish, or from:sender@example.net ' +
      'subject:"invoice" newer_than:2d for a campaign. Stops at maxMessages and says whether more matched.',
    input: z.object({
      userId,
      query: z.string().min(3).describe('Gmail search query that selects the messages to remove.'),
      maxMessages: z.number().int().min(1).max(500).default(50).describe('At most this many messages are trashed.'),
    }),
    output: z.object({
      trashedMessageIds: z.array(z.string()),
      moreMatched: z.boolean(),
    }),
    risk: 'contain',
    idempotent: true,
    scopes: ['https://www.googleapis.com/auth/gmail.modify'],
    capabilities: ['message.purge'],
    async execute(input, context) {
      const found = await connector.tools.searchMessages(
        { userId: input.userId, q: input.query, maxResults: input.maxMessages },
        context,
      );
      const ids = (found.messages ?? []).flatMap((message) => (message.id ? [message.id] : []));
      const trashedMessageIds: string[] = [];
      for (const messageId of ids.slice(0, input.maxMessages)) {
        await connector.tools.trashMessage({ userId: input.userId, messageId }, context);
        trashedMessageIds.push(messageId);
      }
      return { trashedMessageIds, moreMatched: Boolean(found.nextPageToken) || ids.length > input.maxMessages };
    },
  });

  const blockSender = defineTool({
    name: 'blockSender',
    description:
      'Blocks a sender (an address like payroll@example.net, or a whole domain as @example.net) for this mailbox: ' +
      'creates a Gmail filter that sends their new mail to Trash. Mail already delivered stays; remove it with ' +
      'trashMessagesMatching. Undo with deleteFilter and the returned filter ID.',
    input: z.object({
      userId,
      sender: z
        .string()
        .min(3)
        .regex(/@/, 'an email address or @domain')
        .describe('The sender address, or @domain for every sender of a domain.'),
    }),
    output: Filter,
    risk: 'write',
    idempotent: false,
    scopes: ['https://www.googleapis.com/auth/gmail.settings.basic'],
    capabilities: ['indicator.block'],
    async execute(input, context) {
      return connector.tools.createFilter(
        { userId: input.userId, criteria: { from: input.sender }, action: { addLabelIds: ['TRASH'] } },
        context,
      );
    },
  });

  return { trashMessagesMatching, blockSender } as const;
}
