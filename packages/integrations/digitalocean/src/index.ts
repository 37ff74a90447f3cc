/** @rampart/connector-digitalocean: DigitalOcean API tools. Hand-written: the generator created this file once. */
export {
  createDigitaloceanConnector,
  type DigitaloceanConnectorOptions,
  digitaloceanConnector,
} from './generated/connector.js';
