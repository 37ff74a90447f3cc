/** @rampart/connector-powerdns: PowerDNS Authoritative Server HTTP API tools. Hand-written: the generator created this file once. */
export {
  createPowerdnsConnector,
  type PowerdnsConnectorOptions,
  powerdnsConnector,
} from './generated/connector.js';
