/** @rampart/connector-asana: Asana API tools. Hand-written: the generator created this file once. */
export {
  createAsanaConnector,
  type AsanaConnectorOptions,
  asanaConnector,
} from './generated/connector.js';
