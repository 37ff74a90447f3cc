/** @rampart/connector-box: Box Platform API tools. Hand-written: the generator created this file once. */
export {
  createBoxConnector,
  type BoxConnectorOptions,
  boxConnector,
} from './generated/connector.js';
