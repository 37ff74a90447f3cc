/** @rampart/connector-aws-cloudwatch-logs: Amazon Web Services Amazon CloudWatch Logs tools. Hand-written: the generator created this file once. */
export {
  createAwsCloudwatchLogsConnector,
  type AwsCloudwatchLogsConnectorOptions,
  awsCloudwatchLogsConnector,
} from './generated/connector.js';
