/**
 * @rampart/connector-jira-cloud: Jira Cloud ticketing tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Jira holds tickets, not alerts, so `alertNormalizers` is empty.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';

export { CommentOnTicketInput, type JiraCloudToolSource, jiraCloudActions, OpenTicketInput } from './actions.js';
export {
  type AdfDocument,
  type AdfHardBreak,
  type AdfParagraph,
  type AdfText,
  adfToPlainText,
  plainTextToAdf,
} from './adf.js';
export {
  createJiraCloudConnector,
  type JiraCloudConnectorOptions,
  jiraCloudConnector,
} from './generated/connector.js';
export { operations as jiraCloudOperations } from './generated/operations.js';
export type {
  AddCommentOutput as JiraComment,
  CreateIssueOutput as JiraCreatedIssue,
  GetIssueOutput as JiraIssue,
  ListTransitionsOutput as JiraTransitions,
  SearchIssuesOutput as JiraSearchResults,
} from './generated/schemas.js';
export * as jiraCloudSchemas from './generated/schemas.js';
/** Types of the Jira Cloud operations the connector uses (openapi-typescript). */
export type * as JiraCloudApi from './generated/types.js';
export {
  createJiraCloudOAuthConnector,
  type JiraCloudOAuthConnectorOptions,
  jiraCloudOAuthConnector,
} from './oauth.js';

/** Jira emits no alerts: it is where the SOC records and tracks them. */
export const alertNormalizers: readonly AlertNormalizer[] = [];

/** Always throws `UnrecognizedAlertError` for a non-empty payload: Jira has no alert shape to normalize. */
export function normalizeJiraCloudAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('jira-cloud', alertNormalizers, payload);
}
