/** @rampart/connector-aws-secrets-manager: Amazon Web Services AWS Secrets Manager tools. Hand-written: the generator created this file once. */
export {
  createAwsSecretsManagerConnector,
  type AwsSecretsManagerConnectorOptions,
  awsSecretsManagerConnector,
} from './generated/connector.js';
