/** @rampart/connector-cybereason: Cybereason API tools. Hand-written: the generator created this file once. */
export {
  createCybereasonConnector,
  type CybereasonConnectorOptions,
  cybereasonConnector,
} from './generated/connector.js';
