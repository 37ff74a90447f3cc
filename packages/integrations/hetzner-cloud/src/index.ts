/** @rampart/connector-hetzner-cloud: Hetzner Cloud API tools. Hand-written: the generator created this file once. */
export {
  createHetznerCloudConnector,
  type HetznerCloudConnectorOptions,
  hetznerCloudConnector,
} from './generated/connector.js';
