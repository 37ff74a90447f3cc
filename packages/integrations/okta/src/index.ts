/**
 * @rampart/connector-okta: Okta Workforce Identity tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Curated actions and the System Log normalizer live beside it in `src/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { oktaSystemLogEventNormalizer } from './normalizers/system-log-event.js';

export {
  createOktaSocActions,
  ResetUserAccessInput,
  ResetUserAccessOutput,
  resetUserAccessTool,
} from './actions/reset-user-access.js';
export {
  createOktaConnector,
  type OktaConnectorOptions,
  oktaConnector,
} from './generated/connector.js';
export { operations as oktaOperations } from './generated/operations.js';
export type {
  GetUserOutput as OktaUser,
  ListSystemLogEventsOutput as OktaLogEvents,
  ListUserFactorsOutput as OktaUserFactors,
  ListUserGroupsOutput as OktaUserGroups,
} from './generated/schemas.js';
export * as oktaSchemas from './generated/schemas.js';
/** Types of the Okta API operations the connector uses (openapi-typescript): `OktaApi.components['schemas']['User']`. */
export type * as OktaApi from './generated/types.js';
export { oktaSystemLogEventNormalizer };

/** Every alert shape the Okta connector emits: System Log events. */
export const alertNormalizers: readonly AlertNormalizer[] = [oktaSystemLogEventNormalizer];

/**
 * Okta System Log events as Rampart alerts: one event, an array (the body of `GET /api/v1/logs`) or an envelope
 * holding one under `value`, `data`, `items` ...
 */
export function normalizeOktaAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('okta', alertNormalizers, payload);
}
