/**
 * @rampart/connector-threatfox: abuse.ch ThreatFox API v1 tools for SOC agents (malware IOC search).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createThreatfoxConnector,
  type ThreatfoxConnectorOptions,
  threatfoxConnector,
} from './generated/connector.js';
export { operations as threatfoxOperations } from './generated/operations.js';
export * as threatfoxSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as ThreatfoxApi from './generated/types.js';
