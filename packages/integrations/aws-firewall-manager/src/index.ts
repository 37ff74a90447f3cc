/** @rampart/connector-aws-firewall-manager: Amazon Web Services AWS Firewall Manager tools. Hand-written: the generator created this file once. */
export {
  createAwsFirewallManagerConnector,
  type AwsFirewallManagerConnectorOptions,
  awsFirewallManagerConnector,
} from './generated/connector.js';
