/**
 * @rampart/connector-rapid7-insightvm: Rapid7 InsightVM Security Console API v3 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Each console has its own host: pass it as the `consoleHost` base URL variable
 * (and `consolePort` when it is not 3780).
 */
export {
  createRapid7InsightvmConnector,
  type Rapid7InsightvmConnectorOptions,
  rapid7InsightvmConnector,
} from './generated/connector.js';
export { operations as rapid7InsightvmOperations } from './generated/operations.js';
export type {
  Asset as InsightVmAsset,
  Scan as InsightVmScan,
  Tag as InsightVmTag,
  Vulnerability as InsightVmVulnerability,
  VulnerabilityFinding as InsightVmVulnerabilityFinding,
} from './generated/schemas.js';
export * as rapid7InsightvmSchemas from './generated/schemas.js';
/** Types of the InsightVM operations the connector uses (openapi-typescript). */
export type * as InsightVmApi from './generated/types.js';
