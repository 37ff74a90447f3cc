/**
 * @rampart/connector-webex: Webex Messaging API v1 tools for SOC agents (incident posts, space membership).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Webex is a place to report to; it emits no alerts to normalize.
 */
export {
  createWebexConnector,
  type WebexConnectorOptions,
  webexConnector,
} from './generated/connector.js';
export { operations as webexOperations } from './generated/operations.js';
export type {
  Membership as WebexMembership,
  Message as WebexMessage,
  Person as WebexPerson,
  Room as WebexRoom,
} from './generated/schemas.js';
export * as webexSchemas from './generated/schemas.js';
/** Types of the Webex operations the connector uses (openapi-typescript). */
export type * as WebexApi from './generated/types.js';
