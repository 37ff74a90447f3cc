/** @rampart/connector-aws-security-lake: Amazon Web Services Amazon Security Lake tools. Hand-written: the generator created this file once. */
export {
  createAwsSecurityLakeConnector,
  type AwsSecurityLakeConnectorOptions,
  awsSecurityLakeConnector,
} from './generated/connector.js';
