/** @rampart/connector-ping-one: Ping Identity PingOne Platform API tools. Hand-written: the generator created this file once. */
export {
  createPingOneConnector,
  type PingOneConnectorOptions,
  pingOneConnector,
} from './generated/connector.js';
