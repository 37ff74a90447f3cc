/**
 * @rampart/connector-carbon-black-cloud: Carbon Black Cloud tools for SOC agents (alerts and workflow, device quarantine on and off, process search).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createCarbonBlackCloudConnector,
  type CarbonBlackCloudConnectorOptions,
  carbonBlackCloudConnector,
} from './generated/connector.js';
export { operations as carbonBlackCloudOperations } from './generated/operations.js';
export * as carbonBlackCloudSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as CarbonBlackCloudApi from './generated/types.js';
