/**
 * @rampart/connector-opsgenie: Opsgenie Alert API v2 tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Accounts on Opsgenie's EU instance pass api.eu.opsgenie.com as the `apiHost` base URL variable.
 */
export {
  createOpsgenieConnector,
  type OpsgenieConnectorOptions,
  opsgenieConnector,
} from './generated/connector.js';
export { operations as opsgenieOperations } from './generated/operations.js';
export type { Alert as OpsgenieAlert } from './generated/schemas.js';
export * as opsgenieSchemas from './generated/schemas.js';
/** Types of the Opsgenie operations the connector uses (openapi-typescript). */
export type * as OpsgenieApi from './generated/types.js';
