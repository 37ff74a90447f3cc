/** @rampart/connector-onepassword-events: 1Password Events API tools. Hand-written: the generator created this file once. */
export {
  createOnepasswordEventsConnector,
  type OnepasswordEventsConnectorOptions,
  onepasswordEventsConnector,
} from './generated/connector.js';
