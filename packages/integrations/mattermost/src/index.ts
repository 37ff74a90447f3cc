/**
 * @rampart/connector-mattermost: Mattermost API v4 tools for SOC agents (incident posts, user containment).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Mattermost is a place to report to and an account to contain; it emits no alerts to normalize.
 */
export {
  createMattermostConnector,
  type MattermostConnectorOptions,
  mattermostConnector,
} from './generated/connector.js';
export { operations as mattermostOperations } from './generated/operations.js';
export type {
  Channel as MattermostChannel,
  Post as MattermostPost,
  Session as MattermostSession,
  User as MattermostUser,
} from './generated/schemas.js';
export * as mattermostSchemas from './generated/schemas.js';
/** Types of the Mattermost operations the connector uses (openapi-typescript). */
export type * as MattermostApi from './generated/types.js';
