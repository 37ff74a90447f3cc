/**
 * @rampart/connector-triage: Triage (Recorded Future Sandbox) tools for SOC agents: search analyses, overview
 * reports with family, score, signatures and IOCs, URL detonation.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Triage answers lookups and runs analyses; it emits no alerts to normalize.
 */
export {
  createTriageConnector,
  type TriageConnectorOptions,
  triageConnector,
} from './generated/connector.js';
export { operations as triageOperations } from './generated/operations.js';
export type {
  GetOverviewReportOutput as TriageOverviewReport,
  Sample as TriageSample,
} from './generated/schemas.js';
export * as triageSchemas from './generated/schemas.js';
/** Types of the Triage operations the connector uses (openapi-typescript). */
export type * as TriageApi from './generated/types.js';
