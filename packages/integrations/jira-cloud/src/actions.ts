import type { ConnectorTools } from '@rampart/connector-kit';
import { defineTool } from '@rampart/core/connector';
import { z } from 'zod';
import { plainTextToAdf } from './adf.js';
import type { jiraCloudConnector } from './generated/connector.js';
import { AddCommentOutput, CreateIssueOutput } from './generated/schemas.js';

/** What the actions call: any Jira Cloud connector (site URL with an API token, or OAuth through api.atlassian.com). */
export interface JiraCloudToolSource {
  readonly tools: Pick<ConnectorTools<typeof jiraCloudConnector>, 'createIssue' | 'addComment'>;
}

const issueKey = z
  .string()
  .regex(/^([A-Z][A-Z0-9_]+-\d+|\d+)$/, 'a Jira issue key such as SEC-42, or a numeric id')
  .describe('The issue key (e.g. SEC-42) or numeric id.');

export const OpenTicketInput = z.object({
  projectKey: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as SEC')
    .describe('Key of the Jira project to open the ticket in, e.g. SEC.'),
  issueType: z.string().min(1).default('Task').describe('Issue type name as the project names it. Default: Task.'),
  summary: z
    .string()
    .min(1)
    .max(255)
    .describe('One-line title, e.g. "Phishing: credential harvest page sent to finance".'),
  description: z
    .string()
    .max(30_000)
    .optional()
    .describe('Plain text; blank lines separate paragraphs. What happened, the entities involved, what was done.'),
  priority: z.string().min(1).optional().describe('Priority name as the site names it, e.g. Highest, High, Medium.'),
  labels: z
    .array(z.string().regex(/^\S+$/, 'labels contain no spaces'))
    .optional()
    .describe('Labels, e.g. ["soc", "phishing"].'),
});

export const CommentOnTicketInput = z.object({
  issueKey,
  text: z.string().min(1).max(30_000).describe('Plain text; blank lines separate paragraphs.'),
});

/**
 * Ticketing actions on top of the generated Jira tools: Jira's API v3 takes rich text as Atlassian Document Format
 * and issue fields as nested objects, which these build from plain values.
 */
export function jiraCloudActions(connector: JiraCloudToolSource) {
  const openTicket = defineTool({
    name: 'openTicket',
    description:
      'Opens a Jira ticket for an incident from plain values: project key, issue type (default Task), summary, a ' +
      'plain-text description, optional priority and labels. Returns the new key (e.g. SEC-42). Search with ' +
      'searchIssues first so an incident gets one ticket.',
    input: OpenTicketInput,
    output: CreateIssueOutput,
    risk: 'write',
    idempotent: false,
    scopes: ['write:jira-work'],
    capabilities: ['ticket.create'],
    execute: (input, context) =>
      connector.tools.createIssue(
        {
          body: {
            fields: {
              project: { key: input.projectKey },
              issuetype: { name: input.issueType },
              summary: input.summary,
              ...(input.description !== undefined ? { description: plainTextToAdf(input.description) } : {}),
              ...(input.priority !== undefined ? { priority: { name: input.priority } } : {}),
              ...(input.labels !== undefined ? { labels: input.labels } : {}),
            },
          },
        },
        context,
      ),
  });

  const commentOnTicket = defineTool({
    name: 'commentOnTicket',
    description:
      'Adds a plain-text comment to a Jira ticket (blank lines separate paragraphs), e.g. the evidence found or ' +
      'the containment done. Comments are visible to everyone who can see the ticket.',
    input: CommentOnTicketInput,
    output: AddCommentOutput,
    risk: 'write',
    idempotent: false,
    scopes: ['write:jira-work'],
    capabilities: ['ticket.comment'],
    execute: (input, context) =>
      connector.tools.addComment({ issueKey: input.issueKey, body: { body: plainTextToAdf(input.text) } }, context),
  });

  return { openTicket, commentOnTicket } as const;
}
