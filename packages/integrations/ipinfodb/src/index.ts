/** @rampart/connector-ipinfodb: IPInfoDB IP Geolocation API v3 tools. Hand-written: the generator created this file once. */
export {
  createIpinfodbConnector,
  type IpinfodbConnectorOptions,
  ipinfodbConnector,
} from './generated/connector.js';
