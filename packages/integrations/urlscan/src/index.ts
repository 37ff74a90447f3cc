/**
 * @rampart/connector-urlscan: urlscan.io API v1 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. urlscan.io answers lookups and scans on request; it emits no alerts to normalize.
 */
export {
  createUrlscanConnector,
  type UrlscanConnectorOptions,
  urlscanConnector,
} from './generated/connector.js';
export { operations as urlscanOperations } from './generated/operations.js';
export type {
  GetQuotasOutput as UrlscanQuotas,
  GetScanResultOutput as UrlscanScanResult,
  SearchScansOutput as UrlscanSearchPage,
  SubmitUrlScanOutput as UrlscanSubmission,
} from './generated/schemas.js';
export * as urlscanSchemas from './generated/schemas.js';
/** Types of the urlscan.io operations the connector uses (openapi-typescript). */
export type * as UrlscanApi from './generated/types.js';
