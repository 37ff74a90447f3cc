/**
 * @rampart/connector-abuseipdb: AbuseIPDB API v2 IP reputation tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. AbuseIPDB answers lookups and emits no alerts, so `alertNormalizers` is empty.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';

export {
  type AbuseipdbConnectorOptions,
  abuseipdbConnector,
  createAbuseipdbConnector,
} from './generated/connector.js';
export { operations as abuseipdbOperations } from './generated/operations.js';
export type {
  CheckNetworkBlockOutput as AbuseipdbNetworkBlock,
  GetBlacklistOutput as AbuseipdbBlacklist,
  ListIpReportsOutput as AbuseipdbReportsPage,
  LookupIpOutput as AbuseipdbIpCheck,
  ReportIpOutput as AbuseipdbReportResult,
} from './generated/schemas.js';
export * as abuseipdbSchemas from './generated/schemas.js';
/** Types of the AbuseIPDB operations the connector uses (openapi-typescript). */
export type * as AbuseipdbApi from './generated/types.js';
export {
  type AbuseipdbPlan,
  abuseipdbConnectorForPlan,
  abuseipdbDailyLimits,
  createAbuseipdbConnectorForPlan,
} from './plans.js';

/** AbuseIPDB emits no alerts, findings or events: it is queried for enrichment. */
export const alertNormalizers: readonly AlertNormalizer[] = [];

/** Always throws `UnrecognizedAlertError` for a non-empty payload: AbuseIPDB has no alert shape to normalize. */
export function normalizeAbuseipdbAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('abuseipdb', alertNormalizers, payload);
}
