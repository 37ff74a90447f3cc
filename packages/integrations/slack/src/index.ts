/**
 * @rampart/connector-slack: Slack Web API tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface: Slack's `ok: false` answers raised as `SlackApiError`, a curated `postMessage`, and Slack-button
 * approvals. Slack emits no alerts, so `alertNormalizers` is empty.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';

export {
  PostMessageInput,
  paginateSlack,
  type SlackToolSource,
  slackActions,
  throwOnSlackError,
  withSlackErrors,
} from './actions.js';
export {
  approvalRequestBlocks,
  approveActionId,
  denyActionId,
  type ParseApprovalOptions,
  parseApprovalAction,
  type SlackApprovalAction,
} from './approval.js';
export { assertSlackOk, SlackApiError } from './errors.js';
export { createSlackConnector, type SlackConnectorOptions, slackConnector } from './generated/connector.js';
export { operations as slackOperations } from './generated/operations.js';
export type {
  Conversation as SlackConversation,
  Message as SlackMessage,
  PostMessageSuccess as SlackPostedMessage,
  SlackError as SlackErrorAnswer,
  User as SlackUser,
} from './generated/schemas.js';
export * as slackSchemas from './generated/schemas.js';
/** Types of the Slack methods the connector uses (openapi-typescript). */
export type * as SlackApi from './generated/types.js';

/** Slack emits no alerts: the SOC talks to people there. */
export const alertNormalizers: readonly AlertNormalizer[] = [];

/** Always throws `UnrecognizedAlertError` for a non-empty payload: Slack has no alert shape to normalize. */
export function normalizeSlackAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('slack', alertNormalizers, payload);
}
