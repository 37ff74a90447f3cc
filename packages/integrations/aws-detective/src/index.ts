/** @rampart/connector-aws-detective: Amazon Web Services Amazon Detective tools. Hand-written: the generator created this file once. */
export {
  createAwsDetectiveConnector,
  type AwsDetectiveConnectorOptions,
  awsDetectiveConnector,
} from './generated/connector.js';
