/**
 * @rampart/connector-microsoft-365-mail: Microsoft 365 mail and Microsoft 365 Defender alert tools for SOC agents,
 * over Microsoft Graph v1.0.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written public
 * surface: the message and Defender alert normalizers, the curated message action. Graph lists page
 * with `connector.paginate(operation, input, { pagination: odataPagination })` from @rampart/connector-kit.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { microsoft365MessageNormalizer } from './normalizers/message.js';
import { microsoftSecurityAlertNormalizer } from './normalizers/security-alert.js';

export {
  createMicrosoft365MailSocActions,
  GetMessageDetailsInput,
  GetMessageDetailsOutput,
  messageDetailFields,
} from './actions/message-details.js';
export {
  createMicrosoft365MailConnector,
  type Microsoft365MailConnectorOptions,
  microsoft365MailConnector,
} from './generated/connector.js';
export { operations as microsoft365MailOperations } from './generated/operations.js';
export type {
  GetMessageOutput as GraphMessage,
  GetSecurityAlertOutput as DefenderAlert,
  ListInboxRulesOutput as GraphInboxRules,
  ListMessagesOutput as GraphMessages,
  ListSecurityAlertsOutput as DefenderAlerts,
} from './generated/schemas.js';
export * as microsoft365MailSchemas from './generated/schemas.js';
/** Types of the Graph operations the connector uses (openapi-typescript). */
export type * as Microsoft365MailApi from './generated/types.js';
export { urlsInBody, unwrapSafeLink } from './normalizers/message-urls.js';
export { microsoft365MessageNormalizer, microsoftSecurityAlertNormalizer };

/** Every alert shape the connector emits: reported or suspicious messages, and Microsoft 365 Defender alerts. */
export const alertNormalizers: readonly AlertNormalizer[] = [
  microsoftSecurityAlertNormalizer,
  microsoft365MessageNormalizer,
];

/**
 * Messages (Graph `message`) and Defender alerts (Graph security `alerts_v2`) as Rampart alerts: one item, an array,
 * or a Graph list body (`{ value: [...] }`).
 */
export function normalizeMicrosoft365MailAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('microsoft-365-mail', alertNormalizers, payload);
}
