/** @rampart/connector-google-cloud-identity: Google Cloud Identity API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudIdentityConnector,
  type GoogleCloudIdentityConnectorOptions,
  googleCloudIdentityConnector,
} from './generated/connector.js';
