/** @rampart/connector-ipqualityscore: IPQualityScore (IPQS) API tools. Hand-written: the generator created this file once. */
export {
  createIpqualityscoreConnector,
  type IpqualityscoreConnectorOptions,
  ipqualityscoreConnector,
} from './generated/connector.js';
