/** @rampart/connector-google-cloud-logging: Google Cloud Logging API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudLoggingConnector,
  type GoogleCloudLoggingConnectorOptions,
  googleCloudLoggingConnector,
} from './generated/connector.js';
