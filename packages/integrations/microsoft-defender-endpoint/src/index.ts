/**
 * @rampart/connector-microsoft-defender-endpoint: Microsoft Defender for Endpoint tools for SOC agents.
 *
 * The connector is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written public
 * surface: the alert normalizer and @odata.nextLink paging live beside it in `src/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { defenderAlertNormalizer } from './normalizers/defender-alert.js';

export {
  createMicrosoftDefenderEndpointConnector,
  type MicrosoftDefenderEndpointConnectorOptions,
  microsoftDefenderEndpointConnector,
} from './generated/connector.js';
export { operations as microsoftDefenderEndpointOperations } from './generated/operations.js';
export type {
  ContainHostOutput as DefenderMachineAction,
  GetAlertOutput as DefenderAlertEntity,
  GetMachineOutput as DefenderMachine,
  ListAlertsOutput as DefenderAlerts,
  ListIndicatorsOutput as DefenderIndicators,
  ListMachinesOutput as DefenderMachines,
  SubmitIndicatorOutput as DefenderIndicator,
} from './generated/schemas.js';
export * as microsoftDefenderEndpointSchemas from './generated/schemas.js';
/** Types of the Defender for Endpoint operations the connector uses (openapi-typescript). */
export type * as MicrosoftDefenderEndpointApi from './generated/types.js';
export { type DefenderAlert, defenderAlertNormalizer, defenderSeverityId } from './normalizers/defender-alert.js';
export { type DefenderListTool, type DefenderPagesOptions, defenderPages } from './paging.js';

/** Every normalizer of this connector, for `normalizeAlerts` and the host's alert intake. */
export const alertNormalizers: readonly AlertNormalizer[] = [defenderAlertNormalizer];

/**
 * Normalizes Defender for Endpoint alerts as saved from the API: one alert, an array, or the OData list envelope
 * (`{ "@odata.context", value }`) of `listAlerts`.
 */
export function normalizeDefenderAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('microsoft-defender-endpoint', alertNormalizers, payload);
}
