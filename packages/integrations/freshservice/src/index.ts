/**
 * @rampart/connector-freshservice: Freshservice API v2 ticket tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Freshservice is where incidents are filed; it emits no alerts to normalize.
 */
export {
  createFreshserviceConnector,
  type FreshserviceConnectorOptions,
  freshserviceConnector,
} from './generated/connector.js';
export { operations as freshserviceOperations } from './generated/operations.js';
export type { Ticket as FreshserviceTicket } from './generated/schemas.js';
export * as freshserviceSchemas from './generated/schemas.js';
/** Types of the Freshservice operations the connector uses (openapi-typescript). */
export type * as FreshserviceApi from './generated/types.js';
