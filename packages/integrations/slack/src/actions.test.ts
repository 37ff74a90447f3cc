import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { startMockServer } from '@rampart/connector-kit/testing';
import { type AnyTool, toMcpTools, toolsWithCapability } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { paginateSlack, slackActions, withSlackErrors } from './actions.js';
import { SlackApiError } from './errors.js';
import { createSlackConnector } from './generated/connector.js';
import { createSlackMockVendor } from './generated/mocks.js';
import * as schemas from './generated/schemas.js';
import { alertNormalizers, normalizeSlackAlerts } from './index.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const channelsPage = fixture('conversations-list.json') as { channels: unknown[] };
const vendor = createSlackMockVendor({
  chatPostMessage: { respond: fixture('chat-postMessage.json') },
  lookupUserByEmail: { respond: fixture('users-lookupByEmail.json') },
  listConversations: { items: channelsPage.channels, pageSize: 1 },
});
const server = startMockServer(vendor.handlers);
const connector = createSlackConnector({
  credentials: { type: 'bearer', token: 'xoxb-test-token' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = slackActions(connector);
const checked = withSlackErrors(connector.tools);

afterEach(() => vendor.reset());
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('recorded-format fixtures parse through their operation output schemas', () => {
  it.each([
    ['chat-postMessage.json', schemas.ChatPostMessageOutput],
    ['chat-postMessage-not-in-channel.json', schemas.ChatPostMessageOutput],
    ['conversations-list.json', schemas.ListConversationsOutput],
    ['conversations-history.json', schemas.GetConversationHistoryOutput],
    ['users-lookupByEmail.json', schemas.LookupUserByEmailOutput],
    ['users-lookupByEmail-missing-scope.json', schemas.LookupUserByEmailOutput],
  ])('%s', (name, schema) => {
    expect(schema.safeParse(fixture(name)).error?.issues ?? []).toEqual([]);
  });

  it('tells a success from an ok: false answer', () => {
    expect(schemas.PostMessageSuccess.safeParse(fixture('chat-postMessage-not-in-channel.json')).success).toBe(false);
    expect(schemas.SlackError.safeParse(fixture('chat-postMessage.json')).success).toBe(false);
  });
});

describe('postMessage', () => {
  it('posts JSON with the bearer token and link previews off, and returns the message', async () => {
    const posted = await actions.postMessage({
      channel: 'C0123456789',
      text: 'Case 2026-1042: phishing confirmed, 14 mailboxes purged.',
      threadTs: '1760429000.000300',
    });
    expect(posted.ts).toBe('1760430123.000200');
    const [request] = vendor.requestsFor('chatPostMessage');
    expect(request?.url.href).toBe('https://slack.com/api/chat.postMessage');
    expect(request?.headers.get('authorization')).toBe('Bearer xoxb-test-token');
    expect(request?.headers.get('content-type')).toContain('application/json');
    expect(request?.body).toEqual({
      channel: 'C0123456789',
      text: 'Case 2026-1042: phishing confirmed, 14 mailboxes purged.',
      thread_ts: '1760429000.000300',
      unfurl_links: false,
      unfurl_media: false,
    });
  });

  it('raises an ok: false answer (HTTP 200) as SlackApiError with Slack’s code', async () => {
    vendor.fail('chatPostMessage', { type: 'wrong-types', body: fixture('chat-postMessage-not-in-channel.json') });
    const error = await actions.postMessage({ channel: 'C0123456789', text: 'hi' }).catch((caught: unknown) => caught);
    expect(SlackApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ method: 'chat.postMessage', code: 'not_in_channel', fault: 'client' });
    expect((error as SlackApiError).isRetryable).toBe(false);
  });

  it('is a chat.post write a model can be given', () => {
    expect(actions.postMessage.risk).toBe('write');
    expect(toolsWithCapability({ ...actions }, 'chat.post')).toHaveLength(1);
    expect(toMcpTools(actions)).toHaveLength(1);
  });
});

describe('withSlackErrors', () => {
  it('leaves successes alone', async () => {
    const found = await checked.lookupUserByEmail({ email: 'spengler@ghostbusters.example.com' });
    expect(found.ok).toBe(true);
    expect(vendor.requestsFor('lookupUserByEmail')[0]?.url.searchParams.get('email')).toBe(
      'spengler@ghostbusters.example.com',
    );
  });

  it('names the missing scope of a missing_scope answer', async () => {
    vendor.fail('lookupUserByEmail', { type: 'wrong-types', body: fixture('users-lookupByEmail-missing-scope.json') });
    const error = await checked
      .lookupUserByEmail({ email: 'j.doe@acme.example' })
      .catch((caught: unknown) => caught as SlackApiError);
    expect(error).toMatchObject({ name: 'SlackApiError', method: 'users.lookupByEmail', code: 'missing_scope' });
    expect(error.message).toContain('needs users:read.email');
  });

  it('treats Slack-side failures as retryable server faults', () => {
    const error = new SlackApiError('conversations.history', 'service_unavailable');
    expect(error.fault).toBe('server');
    expect(error.isRetryable).toBe(true);
  });

  it('keeps every tool’s name, risk and capabilities', () => {
    const raw = connector.tools as unknown as Record<string, AnyTool>;
    for (const [name, tool] of Object.entries(checked as unknown as Record<string, AnyTool>)) {
      expect([tool.name, tool.risk, tool.capabilities]).toEqual([name, raw[name]?.risk, raw[name]?.capabilities]);
    }
    expect(checked.resetUserSessions.risk).toBe('contain');
    expect(toolsWithCapability(checked, 'user.sessions.revoke').map((tool) => tool.name)).toEqual([
      'resetUserSessions',
    ]);
  });
});

describe('cursor pagination', () => {
  it('follows response_metadata.next_cursor until it is empty', async () => {
    const channels: unknown[] = [];
    for await (const channel of connector.paginate('listConversations', { limit: 1 })) channels.push(channel);
    expect(channels).toEqual(channelsPage.channels);
  });

  it('paginateSlack raises an ok: false page, which the kit alone reads as an empty last page', async () => {
    const answer = { ok: false, error: 'invalid_auth' };
    vendor.fail('listConversations', { type: 'wrong-types', body: answer, times: 1 });
    expect(await connector.paginate('listConversations', {}).next()).toEqual({ done: true, value: undefined });
    vendor.fail('listConversations', { type: 'wrong-types', body: answer, times: 1 });
    await expect(paginateSlack(connector, 'listConversations', {}).next()).rejects.toSatisfy(
      (error: unknown) => SlackApiError.isInstance(error) && error.code === 'invalid_auth',
    );
  });

  it('paginateSlack yields the same items as paginate on success', async () => {
    const channels: unknown[] = [];
    for await (const channel of paginateSlack(connector, 'listConversations', { limit: 1 })) channels.push(channel);
    expect(channels).toEqual(channelsPage.channels);
  });
});

describe('alerts', () => {
  it('has no normalizers', () => {
    expect(alertNormalizers).toEqual([]);
    expect(normalizeSlackAlerts([])).toEqual([]);
  });
});
