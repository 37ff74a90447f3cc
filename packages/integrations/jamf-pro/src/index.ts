/**
 * @rampart/connector-jamf-pro: Jamf Pro API tools for SOC agents (computer inventory, Device Lock, MDM command state).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createJamfProConnector,
  type JamfProConnectorOptions,
  jamfProConnector,
} from './generated/connector.js';
export { operations as jamfProOperations } from './generated/operations.js';
export * as jamfProSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as JamfProApi from './generated/types.js';
