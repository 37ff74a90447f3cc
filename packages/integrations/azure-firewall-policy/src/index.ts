/** @rampart/connector-azure-firewall-policy: Microsoft Azure Firewall Manager policies tools. Hand-written: the generator created this file once. */
export {
  createAzureFirewallPolicyConnector,
  type AzureFirewallPolicyConnectorOptions,
  azureFirewallPolicyConnector,
} from './generated/connector.js';
