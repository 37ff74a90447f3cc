/** @rampart/connector-ip2whois: IP2Location IP2WHOIS API tools. Hand-written: the generator created this file once. */
export {
  createIp2whoisConnector,
  type Ip2whoisConnectorOptions,
  ip2whoisConnector,
} from './generated/connector.js';
