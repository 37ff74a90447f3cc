/**
 * @rampart/connector-jumpcloud: JumpCloud API v1 tools for SOC agents (users, suspend and restore, unlock, expire password).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createJumpcloudConnector,
  type JumpcloudConnectorOptions,
  jumpcloudConnector,
} from './generated/connector.js';
export { operations as jumpcloudOperations } from './generated/operations.js';
export * as jumpcloudSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as JumpcloudApi from './generated/types.js';
