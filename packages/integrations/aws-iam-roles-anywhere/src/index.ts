/** @rampart/connector-aws-iam-roles-anywhere: Amazon Web Services AWS IAM Roles Anywhere tools. Hand-written: the generator created this file once. */
export {
  createAwsIamRolesAnywhereConnector,
  type AwsIamRolesAnywhereConnectorOptions,
  awsIamRolesAnywhereConnector,
} from './generated/connector.js';
