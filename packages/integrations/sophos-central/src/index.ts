/**
 * @rampart/connector-sophos-central: Sophos Central API tools for SOC agents (alerts, endpoints, isolation on and off).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createSophosCentralConnector,
  type SophosCentralConnectorOptions,
  sophosCentralConnector,
} from './generated/connector.js';
export { operations as sophosCentralOperations } from './generated/operations.js';
export * as sophosCentralSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as SophosCentralApi from './generated/types.js';
