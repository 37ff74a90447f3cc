/** @rampart/connector-aws-organizations: Amazon Web Services AWS Organizations tools. Hand-written: the generator created this file once. */
export {
  createAwsOrganizationsConnector,
  type AwsOrganizationsConnectorOptions,
  awsOrganizationsConnector,
} from './generated/connector.js';
