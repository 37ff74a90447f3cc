/** @rampart/connector-aws-lambda: Amazon Web Services AWS Lambda tools. Hand-written: the generator created this file once. */
export {
  createAwsLambdaConnector,
  type AwsLambdaConnectorOptions,
  awsLambdaConnector,
} from './generated/connector.js';
