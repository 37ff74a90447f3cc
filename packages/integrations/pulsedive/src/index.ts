/**
 * @rampart/connector-pulsedive: Pulsedive API tools for SOC agents (indicator risk, threats, Explore search, on-demand scans).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createPulsediveConnector,
  type PulsediveConnectorOptions,
  pulsediveConnector,
} from './generated/connector.js';
export { operations as pulsediveOperations } from './generated/operations.js';
export * as pulsediveSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as PulsediveApi from './generated/types.js';
