/** @rampart/connector-ip2proxy: IP2Location IP2Proxy Web Service tools. Hand-written: the generator created this file once. */
export {
  createIp2proxyConnector,
  type Ip2proxyConnectorOptions,
  ip2proxyConnector,
} from './generated/connector.js';
