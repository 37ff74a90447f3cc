/**
 * @rampart/connector-have-i-been-pwned: Have I Been Pwned API v3 tools for SOC agents (breaches and pastes of an account, domain search).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createHaveIBeenPwnedConnector,
  type HaveIBeenPwnedConnectorOptions,
  type HaveIBeenPwnedConnectorPlan,
  haveIBeenPwnedConnector,
} from './generated/connector.js';
export { operations as haveIBeenPwnedOperations } from './generated/operations.js';
export * as haveIBeenPwnedSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as HaveIBeenPwnedApi from './generated/types.js';
