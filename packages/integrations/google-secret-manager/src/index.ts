/** @rampart/connector-google-secret-manager: Google Cloud Secret Manager API tools. Hand-written: the generator created this file once. */
export {
  createGoogleSecretManagerConnector,
  type GoogleSecretManagerConnectorOptions,
  googleSecretManagerConnector,
} from './generated/connector.js';
