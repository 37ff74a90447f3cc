/** @rampart/connector-google-cloud-security-command-center: Google Cloud Security Command Center API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudSecurityCommandCenterConnector,
  type GoogleCloudSecurityCommandCenterConnectorOptions,
  googleCloudSecurityCommandCenterConnector,
} from './generated/connector.js';
