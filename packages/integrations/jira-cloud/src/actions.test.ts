import { readFileSync } from 'node:fs';
import { silentLogger } from '@rampart/connector-kit';
import { createMockVendor, startMockServer } from '@rampart/connector-kit/testing';
import { type AnyTool, toolsWithCapability } from '@rampart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { jiraCloudActions } from './actions.js';
import { adfToPlainText } from './adf.js';
import { createJiraCloudConnector } from './generated/connector.js';
import { createJiraCloudMockVendor, jiraCloudMockOperations } from './generated/mocks.js';
import * as schemas from './generated/schemas.js';
import { alertNormalizers, normalizeJiraCloudAlerts } from './index.js';
import { createJiraCloudOAuthConnector, jiraCloudOAuthConnector } from './oauth.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const cloudId = '11223344-a1b2-3b33-c444-def123456789';
const vendor = createJiraCloudMockVendor({
  createIssue: { respond: fixture('create-issue.json'), status: 201 },
  addComment: { respond: fixture('comment-create.json'), status: 201 },
  listTransitions: { respond: fixture('transitions.json') },
});
const oauthVendor = createMockVendor(
  jiraCloudOAuthConnector,
  { ...jiraCloudMockOperations, getIssue: { respond: { id: '10412', key: 'SEC-42', fields: {} } } },
  { baseUrlVariables: { cloudId } },
);
const server = startMockServer([...vendor.handlers, ...oauthVendor.handlers]);
const connector = createJiraCloudConnector({
  credentials: { type: 'basic', username: 'soc-bot@acme.example', password: 'api-token' },
  baseUrlVariables: { site: 'acme' },
  logger: silentLogger,
  retry: { maxAttempts: 1 },
});
const actions = jiraCloudActions(connector);

afterEach(() => {
  vendor.reset();
  oauthVendor.reset();
});
afterAll(async () => {
  await connector.close();
  server.close();
});

describe('recorded-format fixtures parse through their operation output schemas', () => {
  it.each([
    ['comment-create.json', schemas.AddCommentOutput],
    ['create-issue.json', schemas.CreateIssueOutput],
    ['transitions.json', schemas.ListTransitionsOutput],
    ['search-results.json', schemas.SearchIssuesOutput],
  ])('%s', (name, schema) => {
    expect(schema.safeParse(fixture(name)).error?.issues ?? []).toEqual([]);
  });
});

describe('openTicket', () => {
  it('builds the issue fields and an ADF description from plain text', async () => {
    const created = await actions.openTicket({
      projectKey: 'SEC',
      summary: 'Phishing: credential harvest page sent to finance',
      description: 'Reported by j.doe@acme.example.\n\nURL: https://login.example-phish.test/',
      priority: 'High',
      labels: ['soc', 'phishing'],
    });
    expect(created.key).toBe('SEC-42');
    const [request] = vendor.requestsFor('createIssue');
    expect(request?.url.href).toBe('https://acme.atlassian.net/rest/api/3/issue');
    expect(request?.headers.get('authorization')).toBe(`Basic ${btoa('soc-bot@acme.example:api-token')}`);
    const { fields } = (request?.body ?? {}) as { fields: Record<string, unknown> };
    expect(fields).toMatchObject({
      project: { key: 'SEC' },
      issuetype: { name: 'Task' },
      summary: 'Phishing: credential harvest page sent to finance',
      priority: { name: 'High' },
      labels: ['soc', 'phishing'],
    });
    expect(adfToPlainText(fields.description)).toBe(
      'Reported by j.doe@acme.example.\n\nURL: https://login.example-phish.test/',
    );
  });

  it('refuses a project key that is not one before calling Jira', async () => {
    await expect(actions.openTicket({ projectKey: 'sec ops', summary: 'x' })).rejects.toThrow(/projectKey/);
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('commentOnTicket', () => {
  it('posts an ADF body and returns the recorded comment', async () => {
    const comment = await actions.commentOnTicket({ issueKey: 'SEC-42', text: 'Mailbox purge done.' });
    const [request] = vendor.requestsFor('addComment');
    expect(request?.url.pathname).toBe('/rest/api/3/issue/SEC-42/comment');
    expect(request?.body).toEqual({
      body: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Mailbox purge done.' }] }],
      },
    });
    expect(comment.id).toBe('18395');
    expect(adfToPlainText(comment.body)).toBe(' Dummy link');
  });
});

describe('transitions', () => {
  it('lists the transitions with their ids, then transitions by id', async () => {
    const { transitions } = await connector.tools.listTransitions({ issueKey: 'SEC-42' });
    const done = transitions?.find((transition) => transition.name === 'Done');
    expect(done?.id).toBe('31');
    await connector.tools.transitionIssue({ issueKey: 'SEC-42', body: { transition: { id: done!.id! } } });
    expect(vendor.requestsFor('transitionIssue')[0]?.body).toEqual({ transition: { id: '31' } });
  });
});

describe('OAuth 2.0 (3LO)', () => {
  it('sends the bearer token to api.atlassian.com/ex/jira/{cloudId} with the same paths', async () => {
    const oauth = createJiraCloudOAuthConnector({
      credentials: { type: 'bearer', token: 'oauth-access-token' },
      baseUrlVariables: { cloudId },
      logger: silentLogger,
      retry: { maxAttempts: 1 },
    });
    try {
      const issue = await oauth.tools.getIssue({ issueKey: 'SEC-42', fields: ['summary', 'status'] });
      expect(issue.key).toBe('SEC-42');
      const [request] = oauthVendor.requestsFor('getIssue');
      expect(`${request?.url.origin}${request?.url.pathname}`).toBe(
        `https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3/issue/SEC-42`,
      );
      expect(request?.headers.get('authorization')).toBe('Bearer oauth-access-token');
    } finally {
      await oauth.close();
    }
  });

  it('only accepts a cloud id as the base URL variable', () => {
    expect(() =>
      createJiraCloudOAuthConnector({
        credentials: { type: 'bearer', token: 't' },
        baseUrlVariables: { cloudId: 'evil.example' },
        logger: silentLogger,
      }),
    ).toThrow(/cloudId/);
  });
});

describe('the tool set', () => {
  it('offers ticket.create and ticket.comment, curated and raw, as writes', () => {
    const tools: Record<string, AnyTool> = { ...connector.tools, ...actions };
    expect(toolsWithCapability(tools, 'ticket.create').map((tool) => [tool.name, tool.risk])).toEqual([
      ['createIssue', 'write'],
      ['openTicket', 'write'],
    ]);
    expect(toolsWithCapability(tools, 'ticket.comment').map((tool) => tool.name)).toEqual([
      'addComment',
      'commentOnTicket',
    ]);
  });

  it('has no alert normalizers', () => {
    expect(alertNormalizers).toEqual([]);
    expect(normalizeJiraCloudAlerts({ value: [] })).toEqual([]);
  });
});
