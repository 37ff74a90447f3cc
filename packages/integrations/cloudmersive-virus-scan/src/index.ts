/** @rampart/connector-cloudmersive-virus-scan: Cloudmersive Virus Scan API tools. Hand-written: the generator created this file once. */
export {
  createCloudmersiveVirusScanConnector,
  type CloudmersiveVirusScanConnectorOptions,
  cloudmersiveVirusScanConnector,
} from './generated/connector.js';
