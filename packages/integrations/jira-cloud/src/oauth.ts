import { type ConnectorOptions, createConnector, defineConnector } from '@rampart/connector-kit';
import { jiraCloudConnector } from './generated/connector.js';

/**
 * Jira Cloud for OAuth 2.0 (3LO) access tokens. Atlassian accepts those only on
 * `https://api.atlassian.com/ex/jira/{cloudId}` (the site's cloud id, from
 * https://api.atlassian.com/oauth/token/accessible-resources), with the same REST paths as the site URL. The
 * manifest's base URL is the site's, for API tokens; this definition changes only the base URL and the auth.
 */
export const jiraCloudOAuthConnector = defineConnector({
  ...jiraCloudConnector,
  baseUrl: 'https://api.atlassian.com/ex/jira/{cloudId}',
  baseUrlVariables: {
    cloudId: {
      description: 'The cloud id of the Jira site, as listed by the accessible-resources endpoint.',
      example: '11223344-a1b2-3b33-c444-def123456789',
      pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    },
  },
  auth: [
    {
      type: 'bearer',
      id: 'oauth',
      description: 'An OAuth 2.0 (3LO) access token with read:jira-work and write:jira-work, minted by the host.',
      documentation: 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/',
    },
  ],
});

export type JiraCloudOAuthConnectorOptions = ConnectorOptions<typeof jiraCloudOAuthConnector>;

/** Typed, rate-limited Jira tools over an OAuth 2.0 (3LO) access token. */
export function createJiraCloudOAuthConnector(options: JiraCloudOAuthConnectorOptions) {
  return createConnector(jiraCloudOAuthConnector, options);
}
