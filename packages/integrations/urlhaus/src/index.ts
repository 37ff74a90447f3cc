/**
 * @rampart/connector-urlhaus: abuse.ch URLhaus API v1 tools for SOC agents (URL, host, payload and tag lookups).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createUrlhausConnector,
  type UrlhausConnectorOptions,
  urlhausConnector,
} from './generated/connector.js';
export { operations as urlhausOperations } from './generated/operations.js';
export * as urlhausSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as UrlhausApi from './generated/types.js';
