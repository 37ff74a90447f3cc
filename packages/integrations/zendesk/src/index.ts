/**
 * @rampart/connector-zendesk: Zendesk Support API v2 ticket tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Zendesk is where incidents are filed and users report phishing; it emits no alerts to normalize.
 */
export {
  createZendeskConnector,
  type ZendeskConnectorOptions,
  zendeskConnector,
} from './generated/connector.js';
export { operations as zendeskOperations } from './generated/operations.js';
export type {
  Comment as ZendeskComment,
  Ticket as ZendeskTicket,
} from './generated/schemas.js';
export * as zendeskSchemas from './generated/schemas.js';
/** Types of the Zendesk operations the connector uses (openapi-typescript). */
export type * as ZendeskApi from './generated/types.js';
