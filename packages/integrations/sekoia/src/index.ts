/** @rampart/connector-sekoia: Sekoia.io Alert API tools. Hand-written: the generator created this file once. */
export {
  createSekoiaConnector,
  type SekoiaConnectorOptions,
  sekoiaConnector,
} from './generated/connector.js';
