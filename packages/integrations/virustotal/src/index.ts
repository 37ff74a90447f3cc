/**
 * @rampart/connector-virustotal: VirusTotal API v3 reputation tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. VirusTotal answers lookups and emits no alerts, so `alertNormalizers` is empty.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';

export {
  LookupUrlInput,
  type VirustotalConnector,
  type VirustotalToolSource,
  virustotalActions,
} from './actions.js';
export {
  createVirustotalConnector,
  type VirustotalConnectorOptions,
  virustotalConnector,
} from './generated/connector.js';
export { operations as virustotalOperations } from './generated/operations.js';
export type {
  AddCommentOutput as VirusTotalComment,
  GetUrlReportOutput as VirusTotalUrlReport,
  LookupDomainOutput as VirusTotalDomainReport,
  LookupHashOutput as VirusTotalFileReport,
  LookupIpOutput as VirusTotalIpReport,
  SubmitUrlForScanOutput as VirusTotalAnalysisDescriptor,
} from './generated/schemas.js';
export * as virustotalSchemas from './generated/schemas.js';
/** Types of the VirusTotal operations the connector uses (openapi-typescript). */
export type * as VirusTotalApi from './generated/types.js';
export {
  createVirusTotalConnectorWithQuotas,
  type VirusTotalPremiumQuotas,
  virustotalConnectorWithQuotas,
} from './quotas.js';
export { virusTotalUrlId } from './url-identifier.js';
export {
  type VerdictThresholds,
  type VirusTotalAnalysisStats,
  type VirusTotalReportLike,
  type VirusTotalVerdict,
  type VirusTotalVerdictLabel,
  verdictOf,
} from './verdict.js';

/** VirusTotal emits no alerts, findings or events: it is queried for enrichment. */
export const alertNormalizers: readonly AlertNormalizer[] = [];

/** Always throws `UnrecognizedAlertError` for a non-empty payload: VirusTotal has no alert shape to normalize. */
export function normalizeVirusTotalAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('virustotal', alertNormalizers, payload);
}
