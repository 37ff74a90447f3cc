/** @rampart/connector-greip: Greip API tools. Hand-written: the generator created this file once. */
export {
  createGreipConnector,
  type GreipConnectorOptions,
  greipConnector,
} from './generated/connector.js';
