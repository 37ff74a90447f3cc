/** @rampart/connector-google-access-context-manager: Google Cloud Access Context Manager API tools. Hand-written: the generator created this file once. */
export {
  createGoogleAccessContextManagerConnector,
  type GoogleAccessContextManagerConnectorOptions,
  googleAccessContextManagerConnector,
} from './generated/connector.js';
