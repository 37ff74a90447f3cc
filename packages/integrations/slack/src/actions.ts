import type {
  Connector,
  ConnectorTools,
  OperationInput,
  PageItem,
  PaginatedOperationName,
  PaginateOptions,
} from '@rampart/connector-kit';
import { type AnyTool, defineTool, type ToolSet } from '@rampart/core/connector';
import { z } from 'zod';
import { assertSlackOk } from './errors.js';
import type { slackConnector } from './generated/connector.js';
import { operations } from './generated/operations.js';
import { PostMessageSuccess } from './generated/schemas.js';

/** What the actions call: a Slack connector's tools. */
export interface SlackToolSource {
  readonly tools: ConnectorTools<typeof slackConnector>;
}

function slackMethodOf(toolName: string): string {
  return (operations as Record<string, { operationId?: string }>)[toolName]?.operationId ?? toolName;
}

/** The same tool, raising `SlackApiError` instead of returning Slack's `{ ok: false, error }` answer. */
export function throwOnSlackError<T extends AnyTool>(tool: T): T {
  const method = slackMethodOf(tool.name);
  return defineTool({
    name: tool.name,
    description: tool.description,
    input: tool.input,
    output: tool.output,
    risk: tool.risk,
    idempotent: tool.idempotent,
    scopes: tool.scopes,
    capabilities: tool.capabilities,
    execute: async (input, context) => {
      const result = await tool(input, context);
      assertSlackOk(result, method);
      return result;
    },
  }) as unknown as T;
}

/** Every tool of the set wrapped by `throwOnSlackError`. */
export function withSlackErrors<T extends ToolSet>(tools: T): T {
  return Object.fromEntries(Object.entries(tools).map(([name, tool]) => [name, throwOnSlackError(tool)])) as T;
}

type SlackDefinition = typeof slackConnector;

/**
 * `connector.paginate` for Slack: every item of every page, raising `SlackApiError` on an `ok: false` page. The
 * kit's own `paginate` reads such a page as an empty last page (no items, no cursor), so a revoked token or a
 * missing scope would look like an empty workspace.
 */
export async function* paginateSlack<K extends PaginatedOperationName<SlackDefinition>>(
  connector: Pick<Connector<SlackDefinition>, 'pages'>,
  operation: K,
  input: OperationInput<SlackDefinition, K>,
  options?: PaginateOptions,
): AsyncGenerator<PageItem<SlackDefinition, K>, void, undefined> {
  for await (const page of connector.pages(operation, input, options)) {
    assertSlackOk(page.data, slackMethodOf(operation));
    yield* page.items;
  }
}

export const PostMessageInput = z.object({
  channel: z.string().min(1).describe('Channel id (C..., G..., D...) or name; the bot must be a member.'),
  text: z
    .string()
    .min(1)
    .max(40_000)
    .describe('Message text in Slack mrkdwn (*bold*, `code`, <https://x|link>); also the notification text.'),
  blocks: z
    .array(z.record(z.string(), z.unknown()))
    .max(50)
    .optional()
    .describe('Block Kit blocks to lay the message out; text stays the fallback.'),
  threadTs: z.string().optional().describe('ts of a message to reply to in its thread.'),
  replyBroadcast: z.boolean().optional().describe('With threadTs, also show the reply in the channel.'),
});

/** Chat actions on top of the generated Slack tools, with Slack's `ok: false` answers raised as errors. */
export function slackActions(connector: SlackToolSource) {
  const postMessage = defineTool({
    name: 'postMessage',
    description:
      'Posts a message to a Slack channel or thread, e.g. a case update for the SOC channel. Fails with ' +
      'SlackApiError naming Slack’s reason (channel_not_found, not_in_channel, is_archived, msg_too_long ...). ' +
      'Link previews are off so indicator URLs are never fetched by Slack.',
    input: PostMessageInput,
    output: PostMessageSuccess,
    risk: 'write',
    idempotent: false,
    scopes: ['chat:write'],
    capabilities: ['chat.post'],
    execute: async (input, context) => {
      const result = await connector.tools.chatPostMessage(
        {
          channel: input.channel,
          text: input.text,
          ...(input.blocks !== undefined ? { blocks: input.blocks } : {}),
          ...(input.threadTs !== undefined ? { thread_ts: input.threadTs } : {}),
          ...(input.replyBroadcast !== undefined ? { reply_broadcast: input.replyBroadcast } : {}),
          // A SOC message quotes malicious URLs; an unfurl would make Slack visit them.
          unfurl_links: false,
          unfurl_media: false,
        },
        context,
      );
      assertSlackOk(result, 'chat.postMessage');
      return result;
    },
  });
  return { postMessage } as const;
}
