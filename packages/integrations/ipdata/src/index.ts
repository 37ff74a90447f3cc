/**
 * @rampart/connector-ipdata: ipdata IP threat, location and ownership lookups for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. ipdata answers lookups; it emits no alerts to normalize.
 */
export {
  createIpdataConnector,
  type IpdataConnectorOptions,
  ipdataConnector,
} from './generated/connector.js';
export { operations as ipdataOperations } from './generated/operations.js';
export type {
  IpRecord as IpdataIpRecord,
  Threat as IpdataThreat,
} from './generated/schemas.js';
export * as ipdataSchemas from './generated/schemas.js';
/** Types of the ipdata operations the connector uses (openapi-typescript). */
export type * as IpdataApi from './generated/types.js';
