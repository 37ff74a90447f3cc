/** @rampart/connector-aws-config: Amazon Web Services AWS Config tools. Hand-written: the generator created this file once. */
export {
  createAwsConfigConnector,
  type AwsConfigConnectorOptions,
  awsConfigConnector,
} from './generated/connector.js';
