/** @rampart/connector-aws-securityhub: Amazon Web Services AWS Security Hub tools. Hand-written: the generator created this file once. */
export {
  createAwsSecurityhubConnector,
  type AwsSecurityhubConnectorOptions,
  awsSecurityhubConnector,
} from './generated/connector.js';
