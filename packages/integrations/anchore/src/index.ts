/** @rampart/connector-anchore: Anchore Engine / Enterprise API v1 tools. Hand-written: the generator created this file once. */
export {
  createAnchoreConnector,
  type AnchoreConnectorOptions,
  anchoreConnector,
} from './generated/connector.js';
