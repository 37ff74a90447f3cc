/** @rampart/connector-google-web-risk: Google Cloud Web Risk API tools. Hand-written: the generator created this file once. */
export {
  createGoogleWebRiskConnector,
  type GoogleWebRiskConnectorOptions,
  googleWebRiskConnector,
} from './generated/connector.js';
