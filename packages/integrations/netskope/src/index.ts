/** @rampart/connector-netskope: Netskope REST API v2 tools. Hand-written: the generator created this file once. */
export {
  createNetskopeConnector,
  type NetskopeConnectorOptions,
  netskopeConnector,
} from './generated/connector.js';
