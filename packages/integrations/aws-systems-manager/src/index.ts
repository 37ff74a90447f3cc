/** @rampart/connector-aws-systems-manager: Amazon Web Services AWS Systems Manager tools. Hand-written: the generator created this file once. */
export {
  createAwsSystemsManagerConnector,
  type AwsSystemsManagerConnectorOptions,
  awsSystemsManagerConnector,
} from './generated/connector.js';
