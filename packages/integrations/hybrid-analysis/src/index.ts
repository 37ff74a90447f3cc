/**
 * @rampart/connector-hybrid-analysis: Hybrid Analysis (Falcon Sandbox) API v2 tools for SOC agents (sandbox verdicts and IOCs by hash, report summaries).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createHybridAnalysisConnector,
  type HybridAnalysisConnectorOptions,
  hybridAnalysisConnector,
} from './generated/connector.js';
export { operations as hybridAnalysisOperations } from './generated/operations.js';
export * as hybridAnalysisSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as HybridAnalysisApi from './generated/types.js';
