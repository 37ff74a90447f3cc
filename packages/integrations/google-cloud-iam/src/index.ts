/** @rampart/connector-google-cloud-iam: Google Cloud IAM API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudIamConnector,
  type GoogleCloudIamConnectorOptions,
  googleCloudIamConnector,
} from './generated/connector.js';
