/**
 * @rampart/connector-cisco-umbrella: Cisco Umbrella API v2 tools for SOC agents (block and unblock destinations, activity search).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createCiscoUmbrellaConnector,
  type CiscoUmbrellaConnectorOptions,
  ciscoUmbrellaConnector,
} from './generated/connector.js';
export { operations as ciscoUmbrellaOperations } from './generated/operations.js';
export * as ciscoUmbrellaSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as CiscoUmbrellaApi from './generated/types.js';
