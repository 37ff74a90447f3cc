/** @rampart/connector-aws-eventbridge: Amazon Web Services Amazon EventBridge tools. Hand-written: the generator created this file once. */
export {
  createAwsEventbridgeConnector,
  type AwsEventbridgeConnectorOptions,
  awsEventbridgeConnector,
} from './generated/connector.js';
