/** @rampart/connector-aws-resource-explorer: Amazon Web Services AWS Resource Explorer tools. Hand-written: the generator created this file once. */
export {
  createAwsResourceExplorerConnector,
  type AwsResourceExplorerConnectorOptions,
  awsResourceExplorerConnector,
} from './generated/connector.js';
