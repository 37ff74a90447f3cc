/** @rampart/connector-circleci: CircleCI API v2 tools. Hand-written: the generator created this file once. */
export {
  createCircleciConnector,
  type CircleciConnectorOptions,
  circleciConnector,
} from './generated/connector.js';
