/** @rampart/connector-aws-kms: Amazon Web Services AWS Key Management Service tools. Hand-written: the generator created this file once. */
export {
  createAwsKmsConnector,
  type AwsKmsConnectorOptions,
  awsKmsConnector,
} from './generated/connector.js';
