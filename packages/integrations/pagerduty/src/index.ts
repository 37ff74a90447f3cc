/**
 * @rampart/connector-pagerduty: PagerDuty incident tools for SOC agents, and the incident normalizer.
 *
 * The REST API v2 connector is generated from `manifest.yaml` (see `src/generated/`); the Events API v2 (another
 * host) and the normalizer are hand-written beside it.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { pagerdutyIncidentNormalizer } from './normalizers/incident.js';

export {
  createPagerdutyEventsTools,
  type PagerdutyEventsOptions,
  pagerdutyEventsConnector,
  TriggerAlertInput,
} from './events.js';
export {
  createPagerdutyConnector,
  type PagerdutyConnectorOptions,
  pagerdutyConnector,
} from './generated/connector.js';
export { operations as pagerdutyOperations } from './generated/operations.js';
export type {
  AddIncidentNoteOutput as PagerdutyNoteResponse,
  GetIncidentOutput as PagerdutyIncidentResponse,
  Incident as PagerdutyIncident,
  ListIncidentsOutput as PagerdutyIncidentsPage,
} from './generated/schemas.js';
export * as pagerdutySchemas from './generated/schemas.js';
/** Types of the PagerDuty operations the connector uses (openapi-typescript). */
export type * as PagerdutyApi from './generated/types.js';
export { pagerdutyIncidentNormalizer, pagerdutySeverityId } from './normalizers/incident.js';

/** PagerDuty incidents become OCSF Detection Findings (2004). */
export const alertNormalizers: readonly AlertNormalizer[] = [pagerdutyIncidentNormalizer];

/**
 * Normalizes PagerDuty incidents as saved from the REST API: one incident, an array, the `GET /incidents` page
 * (`{ incidents: [...] }`) or the `GET /incidents/{id}` body (`{ incident: {...} }`).
 */
export function normalizePagerdutyAlerts(payload: unknown): Alert[] {
  const single = (payload as { incident?: unknown } | null)?.incident;
  const unwrapped = typeof single === 'object' && single !== null && !Array.isArray(single) ? [single] : payload;
  return normalizeAlerts('pagerduty', alertNormalizers, unwrapped, ['incidents']);
}
