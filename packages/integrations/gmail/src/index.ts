/**
 * @rampart/connector-gmail: Gmail tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface: the reported-message normalizer and curated SOC actions beside it in `src/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { connectorId, gmailMessageNormalizer } from './normalizers/gmail-message.js';

export { createGmailConnector, type GmailConnectorOptions, gmailConnector } from './generated/connector.js';
export { operations as gmailOperations } from './generated/operations.js';
export type {
  Filter as GmailFilter,
  GetMessageOutput as GmailMessageRecord,
  SearchMessagesOutput as GmailSearchResult,
} from './generated/schemas.js';
export * as gmailSchemas from './generated/schemas.js';
/** Types of the Gmail API operations the connector uses (openapi-typescript). */
export type * as GmailApi from './generated/types.js';
export { addressesOf, GmailMessage, gmailMessageNormalizer, gmailMessageToAlert } from './normalizers/gmail-message.js';
export { gmailSocActions } from './soc-actions.js';

/** Every native shape this connector emits: Gmail messages (format full, metadata or raw). */
export const alertNormalizers: readonly AlertNormalizer[] = [gmailMessageNormalizer];

/**
 * Normalizes one message, an array of messages, or a `{ messages: [...] }` envelope of full messages. The IDs that
 * searchMessages returns are not messages: read each with getMessage first.
 */
export function normalizeGmailAlerts(payload: unknown): Alert[] {
  return normalizeAlerts(connectorId, alertNormalizers, payload, ['messages']);
}
