/** @rampart/connector-aws-identity-store: Amazon Web Services AWS Identity Store (IAM Identity Center directory) tools. Hand-written: the generator created this file once. */
export {
  createAwsIdentityStoreConnector,
  type AwsIdentityStoreConnectorOptions,
  awsIdentityStoreConnector,
} from './generated/connector.js';
