/**
 * @rampart/connector-thehive: TheHive 5 API v1 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Each TheHive instance has its own host: pass it as the `theHiveHost` base URL variable.
 */
export {
  createThehiveConnector,
  type ThehiveConnectorOptions,
  thehiveConnector,
} from './generated/connector.js';
export { operations as thehiveOperations } from './generated/operations.js';
export type {
  Alert as TheHiveAlert,
  Case as TheHiveCase,
  Entity as TheHiveEntity,
  Observable as TheHiveObservable,
} from './generated/schemas.js';
export * as thehiveSchemas from './generated/schemas.js';
/** Types of the TheHive operations the connector uses (openapi-typescript). */
export type * as TheHiveApi from './generated/types.js';
