/**
 * @rampart/connector-google-workspace-alert-center: Google Workspace Alert Center tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface, with the alert normalizer beside it in `src/normalizers/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { alertCenterAlertNormalizer, connectorId } from './normalizers/alert-center-alert.js';

export {
  createGoogleWorkspaceAlertCenterConnector,
  type GoogleWorkspaceAlertCenterConnectorOptions,
  googleWorkspaceAlertCenterConnector,
} from './generated/connector.js';
export { operations as googleWorkspaceAlertCenterOperations } from './generated/operations.js';
export type {
  Alert as AlertCenterAlertRecord,
  AlertMetadata as AlertCenterAlertMetadata,
  ListAlertsOutput as AlertCenterAlerts,
} from './generated/schemas.js';
export * as googleWorkspaceAlertCenterSchemas from './generated/schemas.js';
/** Types of the Alert Center API operations the connector uses (openapi-typescript). */
export type * as AlertCenterApi from './generated/types.js';
export {
  AlertCenterAlert,
  alertCenterAlertNormalizer,
  alertCenterAlertToAlert,
  severityIdOf as alertCenterSeverityId,
} from './normalizers/alert-center-alert.js';

/** Every native shape this connector emits: Alert Center alerts. */
export const alertNormalizers: readonly AlertNormalizer[] = [alertCenterAlertNormalizer];

/** Normalizes one alert, an array of alerts, or an alerts.list body (`{ alerts: [...] }`). */
export function normalizeGoogleWorkspaceAlerts(payload: unknown): Alert[] {
  return normalizeAlerts(connectorId, alertNormalizers, payload, ['alerts']);
}
