/** @rampart/connector-aws-shield: Amazon Web Services AWS Shield Advanced tools. Hand-written: the generator created this file once. */
export {
  createAwsShieldConnector,
  type AwsShieldConnectorOptions,
  awsShieldConnector,
} from './generated/connector.js';
