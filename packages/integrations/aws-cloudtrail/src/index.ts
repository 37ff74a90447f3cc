/** @rampart/connector-aws-cloudtrail: Amazon Web Services AWS CloudTrail tools. Hand-written: the generator created this file once. */
export {
  createAwsCloudtrailConnector,
  type AwsCloudtrailConnectorOptions,
  awsCloudtrailConnector,
} from './generated/connector.js';
