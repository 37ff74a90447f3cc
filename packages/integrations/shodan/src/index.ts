/**
 * @rampart/connector-shodan: Shodan REST API tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Shodan answers lookups; it emits no alerts to normalize.
 */
export {
  createShodanConnector,
  type ShodanConnectorOptions,
  shodanConnector,
} from './generated/connector.js';
export { operations as shodanOperations } from './generated/operations.js';
export type {
  CountHostsOutput as ShodanCount,
  GetApiInfoOutput as ShodanApiInfo,
  LookupDomainOutput as ShodanDomain,
  LookupIpOutput as ShodanHost,
  SearchHostsOutput as ShodanSearchPage,
} from './generated/schemas.js';
export * as shodanSchemas from './generated/schemas.js';
/** Types of the Shodan operations the connector uses (openapi-typescript). */
export type * as ShodanApi from './generated/types.js';
