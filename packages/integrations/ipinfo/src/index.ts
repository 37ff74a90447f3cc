/**
 * @rampart/connector-ipinfo: IPinfo API tools for SOC agents (IP geolocation, ASN, privacy detection, hosted domains).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createIpinfoConnector,
  type IpinfoConnectorOptions,
  ipinfoConnector,
} from './generated/connector.js';
export { operations as ipinfoOperations } from './generated/operations.js';
export * as ipinfoSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as IpinfoApi from './generated/types.js';
