/** @rampart/connector-aws-audit-manager: Amazon Web Services AWS Audit Manager tools. Hand-written: the generator created this file once. */
export {
  createAwsAuditManagerConnector,
  type AwsAuditManagerConnectorOptions,
  awsAuditManagerConnector,
} from './generated/connector.js';
