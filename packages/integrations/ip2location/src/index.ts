/** @rampart/connector-ip2location: IP2Location.io IP Geolocation API tools. Hand-written: the generator created this file once. */
export {
  createIp2locationConnector,
  type Ip2locationConnectorOptions,
  ip2locationConnector,
} from './generated/connector.js';
