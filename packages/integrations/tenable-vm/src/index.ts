/**
 * @rampart/connector-tenable-vm: Tenable Vulnerability Management (tenable.io) tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. The credential is the whole `accessKey=...;secretKey=...` value of Tenable's X-ApiKeys header.
 */
export {
  createTenableVmConnector,
  type TenableVmConnectorOptions,
  tenableVmConnector,
} from './generated/connector.js';
export { operations as tenableVmOperations } from './generated/operations.js';
export type {
  AssetInfo as TenableAsset,
  AssetSummary as TenableAssetSummary,
  Scan as TenableScan,
  VulnerabilityInfo as TenableVulnerabilityInfo,
  VulnerabilitySummary as TenableVulnerability,
} from './generated/schemas.js';
export * as tenableVmSchemas from './generated/schemas.js';
/** Types of the Tenable operations the connector uses (openapi-typescript). */
export type * as TenableVmApi from './generated/types.js';
