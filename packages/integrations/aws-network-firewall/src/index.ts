/** @rampart/connector-aws-network-firewall: Amazon Web Services AWS Network Firewall tools. Hand-written: the generator created this file once. */
export {
  createAwsNetworkFirewallConnector,
  type AwsNetworkFirewallConnectorOptions,
  awsNetworkFirewallConnector,
} from './generated/connector.js';
