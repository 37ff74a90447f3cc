/** @rampart/connector-netbox: NetBox Labs NetBox REST API tools. Hand-written: the generator created this file once. */
export {
  createNetboxConnector,
  type NetboxConnectorOptions,
  netboxConnector,
} from './generated/connector.js';
