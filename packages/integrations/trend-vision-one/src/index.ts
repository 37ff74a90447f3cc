/**
 * @rampart/connector-trend-vision-one: Trend Vision One API v3.0 tools for SOC agents (Workbench alerts, endpoint isolation and restore, Suspicious Object list).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createTrendVisionOneConnector,
  type TrendVisionOneConnectorOptions,
  trendVisionOneConnector,
} from './generated/connector.js';
export { operations as trendVisionOneOperations } from './generated/operations.js';
export * as trendVisionOneSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as TrendVisionOneApi from './generated/types.js';
