/**
 * @rampart/connector-censys: Censys Search API v2 tools for SOC agents (internet hosts: services, certificates, ASN; host search).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createCensysConnector,
  type CensysConnectorOptions,
  censysConnector,
} from './generated/connector.js';
export { operations as censysOperations } from './generated/operations.js';
export * as censysSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as CensysApi from './generated/types.js';
