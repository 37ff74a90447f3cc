/**
 * @rampart/connector-whoisxml: WhoisXML API WHOIS and DNS lookup tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. WhoisXML answers lookups; it emits no alerts to normalize.
 */
export {
  createWhoisxmlConnector,
  type WhoisxmlConnectorOptions,
  whoisxmlConnector,
} from './generated/connector.js';
export { operations as whoisxmlOperations } from './generated/operations.js';
export type {
  DnsLookupOutput as WhoisxmlDnsData,
  WhoisLookupOutput as WhoisxmlWhoisRecord,
} from './generated/schemas.js';
export * as whoisxmlSchemas from './generated/schemas.js';
/** Types of the WhoisXML API operations the connector uses (openapi-typescript). */
export type * as WhoisxmlApi from './generated/types.js';
