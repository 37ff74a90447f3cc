/** @rampart/connector-aws-backup: Amazon Web Services AWS Backup tools. Hand-written: the generator created this file once. */
export {
  createAwsBackupConnector,
  type AwsBackupConnectorOptions,
  awsBackupConnector,
} from './generated/connector.js';
