/**
 * @rampart/connector-misp: MISP REST API tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Every MISP instance is self-hosted: pass its host as the `mispHost` base URL variable.
 */
export {
  createMispConnector,
  type MispConnectorOptions,
  mispConnector,
} from './generated/connector.js';
export { operations as mispOperations } from './generated/operations.js';
export type {
  Attribute as MispAttribute,
  Event as MispEvent,
  SearchAttributesOutput as MispAttributeSearch,
  SearchEventsOutput as MispEventSearch,
} from './generated/schemas.js';
export * as mispSchemas from './generated/schemas.js';
/** Types of the MISP operations the connector uses (openapi-typescript). */
export type * as MispApi from './generated/types.js';
