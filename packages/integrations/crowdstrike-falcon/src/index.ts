/**
 * @rampart/connector-crowdstrike-falcon: CrowdStrike Falcon tools for SOC agents.
 *
 * The connector is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written public
 * surface: the alert normalizer and the curated containment actions live beside it in `src/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { falconAlertNormalizer } from './normalizers/falcon-alert.js';

export {
  createCrowdstrikeFalconConnector,
  type CrowdstrikeFalconConnectorOptions,
  crowdstrikeFalconConnector,
} from './generated/connector.js';
export { operations as crowdstrikeFalconOperations } from './generated/operations.js';
export type {
  GetAlertsOutput as FalconAlerts,
  GetHostDetailsOutput as FalconHosts,
  ListCustomIocsOutput as FalconCustomIocs,
  SearchAlertsOutput as FalconAlertIds,
  SetHostContainmentOutput as FalconHostActionResult,
} from './generated/schemas.js';
export * as crowdstrikeFalconSchemas from './generated/schemas.js';
/** Types of the Falcon API operations the connector uses (openapi-typescript). */
export type * as CrowdstrikeFalconApi from './generated/types.js';
export { type FalconAlert, falconAlertNormalizer, falconSeverityId } from './normalizers/falcon-alert.js';
export { createFalconSocActions, type FalconSocActions } from './soc-actions.js';

/** Every normalizer of this connector, for `normalizeAlerts` and the host's alert intake. */
export const alertNormalizers: readonly AlertNormalizer[] = [falconAlertNormalizer];

/**
 * Normalizes Falcon alerts as saved from the Alerts API: one alert, an array, or the `{ meta, resources, errors }`
 * envelope of `getAlerts`.
 */
export function normalizeFalconAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('crowdstrike-falcon', alertNormalizers, payload);
}
