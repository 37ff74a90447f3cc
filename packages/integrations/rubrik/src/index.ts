/** @rampart/connector-rubrik: Rubrik CDM REST API v1 tools. Hand-written: the generator created this file once. */
export {
  createRubrikConnector,
  type RubrikConnectorOptions,
  rubrikConnector,
} from './generated/connector.js';
