/**
 * @rampart/connector-onelogin: OneLogin API tools for SOC agents (users, suspend and reactivate, lock, log out, MFA devices, events).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createOneloginConnector,
  type OneloginConnectorOptions,
  oneloginConnector,
} from './generated/connector.js';
export { operations as oneloginOperations } from './generated/operations.js';
export * as oneloginSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as OneloginApi from './generated/types.js';
