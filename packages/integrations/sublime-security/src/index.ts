/**
 * @rampart/connector-sublime-security: Sublime Platform API message-group tools for SOC agents (triage flagged and
 * reported email, pull or restore a campaign across mailboxes).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createSublimeSecurityConnector,
  type SublimeSecurityConnectorOptions,
  sublimeSecurityConnector,
} from './generated/connector.js';
export { operations as sublimeSecurityOperations } from './generated/operations.js';
export type { MessageGroup as SublimeMessageGroup } from './generated/schemas.js';
export * as sublimeSecuritySchemas from './generated/schemas.js';
/** Types of the Sublime Platform operations the connector uses (openapi-typescript). */
export type * as SublimeSecurityApi from './generated/types.js';
