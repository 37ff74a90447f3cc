import { alertNormalizers, jiraCloudActions, jiraCloudConnector } from '@rampart/connector-jira-cloud';
import { jiraCloudHandlers } from '@rampart/connector-jira-cloud/testing';
import type { TicketState, World } from '../world/world.js';
import { iso, text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const site = 'acme-sandbox';
const base = `https://${site}.atlassian.net`;

/** The plain text of an Atlassian Document Format value (or of a string). */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const node = value as { text?: unknown; content?: unknown[]; type?: string };
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content) ? node.content.map(plainText) : [];
  return [own, ...children].filter(Boolean).join(node.type === 'doc' ? '\n\n' : '');
}

function adf(text: string) {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split(/\n{2,}/)
      .map((paragraph) => ({ type: 'paragraph', content: [{ type: 'text', text: paragraph }] })),
  };
}

function notFound(key: string): Response {
  return vendorError(404, {
    errorMessages: [`Issue ${key} does not exist or you do not have permission to see it.`],
    errors: {},
  });
}

function issue(ticket: TicketState) {
  return {
    id: ticket.id,
    key: ticket.key,
    self: `${base}/rest/api/3/issue/${ticket.id}`,
    fields: {
      summary: ticket.summary,
      description: adf(ticket.description),
      status: { name: ticket.status },
      project: { key: ticket.projectKey },
      created: iso(ticket.createdAt),
      comment: {
        comments: ticket.comments.map((comment) => ({
          id: comment.id,
          body: adf(comment.body),
          created: iso(comment.at),
        })),
        total: ticket.comments.length,
      },
    },
  };
}

function findTicket(world: World, input: Record<string, unknown>): TicketState | Response {
  const key = text(input, 'issueKey') ?? '';
  return world.findTicket(key) ?? notFound(key);
}

/** Jira Cloud: tickets in the world's projects. */
export const jiraCloudVendor = defineVendorBinding({
  id: 'jira-cloud',
  definition: jiraCloudConnector,
  baseUrlVariables: { site },
  latencyMs: 400,
  credentials: { type: 'basic', username: 'rampart@acme.example', password: 'sandbox-jira-token' },
  fallbackHandlers: () => jiraCloudHandlers({ baseUrlVariables: { site } }),
  alertNormalizers,
  socTools: (connector) => jiraCloudActions(connector),
  responders: {
    createIssue: ({ world, input }) => {
      const fields = ((input.body as { fields?: Record<string, unknown> } | undefined)?.fields ?? {}) as {
        project?: { key?: string; id?: string };
        summary?: unknown;
        description?: unknown;
      };
      const projectKey = fields.project?.key ?? '';
      if (!world.seed.projects.some((project) => project.key === projectKey)) {
        return vendorError(400, { errorMessages: [], errors: { project: 'Specify a valid project ID or key' } });
      }
      const ticket = world.createTicket({
        projectKey,
        summary: typeof fields.summary === 'string' ? fields.summary : '(no summary)',
        description: plainText(fields.description),
      });
      return { id: ticket.id, key: ticket.key, self: `${base}/rest/api/3/issue/${ticket.id}` };
    },
    getIssue: ({ world, input }) => {
      const ticket = findTicket(world, input);
      return ticket instanceof Response ? ticket : issue(ticket);
    },
    addComment: ({ world, input, at }) => {
      const ticket = findTicket(world, input);
      if (ticket instanceof Response) return ticket;
      const body = plainText((input.body as { body?: unknown } | undefined)?.body);
      const comment = { id: String(20_000 + world.nextId()), body, at };
      ticket.comments.push(comment);
      return {
        id: comment.id,
        body: adf(body),
        created: iso(at),
        self: `${base}/rest/api/3/issue/${ticket.id}/comment/${comment.id}`,
      };
    },
    searchIssues: ({ world }) => ({
      startAt: 0,
      maxResults: 50,
      total: world.tickets.length,
      issues: world.tickets.map(issue),
    }),
  },
});
