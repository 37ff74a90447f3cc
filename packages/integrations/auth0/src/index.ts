/**
 * @rampart/connector-auth0: Auth0 Management API v2 tools for SOC agents (users, block and unblock, sessions and refresh tokens, logs).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createAuth0Connector,
  type Auth0ConnectorOptions,
  auth0Connector,
} from './generated/connector.js';
export { operations as auth0Operations } from './generated/operations.js';
export * as auth0Schemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as Auth0Api from './generated/types.js';
export { auth0ManagementAudience, createAuth0TenantConnector } from './tenant.js';
