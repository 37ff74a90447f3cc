/** @rampart/connector-snyk: Snyk API v1 tools. Hand-written: the generator created this file once. */
export {
  createSnykConnector,
  type SnykConnectorOptions,
  snykConnector,
} from './generated/connector.js';
