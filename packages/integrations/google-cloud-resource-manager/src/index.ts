/** @rampart/connector-google-cloud-resource-manager: Google Cloud Resource Manager API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudResourceManagerConnector,
  type GoogleCloudResourceManagerConnectorOptions,
  googleCloudResourceManagerConnector,
} from './generated/connector.js';
