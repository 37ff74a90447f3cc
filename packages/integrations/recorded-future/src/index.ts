/**
 * @rampart/connector-recorded-future: Recorded Future Connect API v2 enrichment tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Recorded Future answers lookups here; it emits no alerts to normalize.
 */
export {
  createRecordedFutureConnector,
  type RecordedFutureConnectorOptions,
  recordedFutureConnector,
} from './generated/connector.js';
export { operations as recordedFutureOperations } from './generated/operations.js';
export type {
  EnrichmentResponse as RecordedFutureEnrichment,
  Risk as RecordedFutureRisk,
} from './generated/schemas.js';
export * as recordedFutureSchemas from './generated/schemas.js';
/** Types of the Recorded Future operations the connector uses (openapi-typescript). */
export type * as RecordedFutureApi from './generated/types.js';
