/** @rampart/connector-google-cloud-kms: Google Cloud Key Management Service API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudKmsConnector,
  type GoogleCloudKmsConnectorOptions,
  googleCloudKmsConnector,
} from './generated/connector.js';
