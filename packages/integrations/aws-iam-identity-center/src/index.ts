/** @rampart/connector-aws-iam-identity-center: Amazon Web Services AWS IAM Identity Center tools. Hand-written: the generator created this file once. */
export {
  createAwsIamIdentityCenterConnector,
  type AwsIamIdentityCenterConnectorOptions,
  awsIamIdentityCenterConnector,
} from './generated/connector.js';
