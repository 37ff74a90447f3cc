/**
 * @rampart/connector-splunk: Splunk REST API tools for SOC agents (search jobs and Enterprise Security notables).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Each deployment has its own search head: pass it as the `splunkHost` base URL variable (and
 * `managementPort` when it is not 8089).
 */
export {
  createSplunkConnector,
  type SplunkConnectorOptions,
  splunkConnector,
} from './generated/connector.js';
export { operations as splunkOperations } from './generated/operations.js';
export type { JobContent as SplunkSearchJob } from './generated/schemas.js';
export * as splunkSchemas from './generated/schemas.js';
/** Types of the Splunk operations the connector uses (openapi-typescript). */
export type * as SplunkApi from './generated/types.js';
