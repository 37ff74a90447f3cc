/** @rampart/connector-google-cloud-dlp: Google Cloud Data Loss Prevention API (Sensitive Data Protection) tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudDlpConnector,
  type GoogleCloudDlpConnectorOptions,
  googleCloudDlpConnector,
} from './generated/connector.js';
