/** @rampart/connector-aws-access-analyzer: Amazon Web Services AWS IAM Access Analyzer tools. Hand-written: the generator created this file once. */
export {
  createAwsAccessAnalyzerConnector,
  type AwsAccessAnalyzerConnectorOptions,
  awsAccessAnalyzerConnector,
} from './generated/connector.js';
