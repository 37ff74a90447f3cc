import { alertNormalizers, slackActions, slackConnector } from '@rampart/connector-slack';
import { slackHandlers } from '@rampart/connector-slack/testing';
import type { UserState, World } from '../world/world.js';
import { hexId } from '../world/derived-ids.js';
import { refusal, text } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const teamId = 'T0SANDBOX1';

function slackUserId(user: UserState): string {
  return `U${hexId(`slack-user:${user.email}`, 10).toUpperCase()}`;
}

function slackUser(user: UserState) {
  return {
    id: slackUserId(user),
    team_id: teamId,
    name: user.email.slice(0, user.email.indexOf('@')),
    real_name: user.name,
    deleted: user.status === 'deprovisioned',
    is_admin: user.admin,
    is_bot: false,
    has_2fa: user.factors.length > 0,
    tz: 'Europe/Berlin',
    profile: { email: user.email, real_name: user.name, title: user.title ?? '' },
  };
}

function userById(world: World, id: string | undefined): UserState | undefined {
  return world.users.find((user) => slackUserId(user) === id) ?? (id === undefined ? undefined : world.findUser(id));
}

/** Slack: the world's channels (posts are kept) and its people. */
export const slackVendor = defineVendorBinding({
  id: 'slack',
  definition: slackConnector,
  latencyMs: 150,
  credentials: { type: 'bearer', token: 'xoxb-sandbox-slack-token' },
  fallbackHandlers: () => slackHandlers(),
  alertNormalizers,
  socTools: (connector) => slackActions(connector),
  prepare: (world) => {
    for (const user of world.users) world.addAlias(slackUserId(user), user.key);
  },
  responders: {
    chatPostMessage: ({ world, input }) => {
      const channel = world.findChannel(text(input, 'channel') ?? '');
      if (channel === undefined) return refusal({ ok: false, error: 'channel_not_found' });
      const posted = world.postChatMessage(channel, text(input, 'text') ?? '');
      return {
        ok: true,
        channel: channel.id,
        ts: posted.ts,
        message: { type: 'message', text: posted.text, ts: posted.ts, bot_id: 'B0SANDBOX1' },
      };
    },
    listConversations: ({ world }) => ({
      ok: true,
      channels: world.seed.channels.map((channel) => ({
        id: world.channelId(channel.name),
        name: channel.name,
        is_channel: true,
        is_private: false,
        is_archived: false,
        is_member: true,
      })),
      response_metadata: { next_cursor: '' },
    }),
    getConversationHistory: ({ world, input }) => {
      const channel = world.findChannel(text(input, 'channel') ?? '');
      if (channel === undefined) return refusal({ ok: false, error: 'channel_not_found' });
      return {
        ok: true,
        messages: world.chatMessages
          .filter((message) => message.channelId === channel.id)
          .reverse()
          .map((message) => ({ type: 'message', text: message.text, ts: message.ts })),
        has_more: false,
      };
    },
    lookupUserByEmail: ({ world, input }) => {
      const user = world.findUser(text(input, 'email') ?? '');
      return user === undefined
        ? refusal({ ok: false, error: 'users_not_found' })
        : { ok: true, user: slackUser(user) };
    },
    getUser: ({ world, input }) => {
      const user = userById(world, text(input, 'user'));
      return user === undefined ? refusal({ ok: false, error: 'user_not_found' }) : { ok: true, user: slackUser(user) };
    },
    resetUserSessions: ({ world, input }) => {
      const user = userById(world, text(input, 'user_id'));
      if (user === undefined) return refusal({ ok: false, error: 'user_not_found' });
      world.revokeSessions(user);
      return { ok: true };
    },
  },
});
