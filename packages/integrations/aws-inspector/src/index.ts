/** @rampart/connector-aws-inspector: Amazon Web Services Amazon Inspector tools. Hand-written: the generator created this file once. */
export {
  createAwsInspectorConnector,
  type AwsInspectorConnectorOptions,
  awsInspectorConnector,
} from './generated/connector.js';
