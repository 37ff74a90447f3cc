/** @rampart/connector-aws-signer: Amazon Web Services AWS Signer tools. Hand-written: the generator created this file once. */
export {
  createAwsSignerConnector,
  type AwsSignerConnectorOptions,
  awsSignerConnector,
} from './generated/connector.js';
