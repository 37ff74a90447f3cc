/** @rampart/connector-azure-firewall: Microsoft Azure Firewall tools. Hand-written: the generator created this file once. */
export {
  createAzureFirewallConnector,
  type AzureFirewallConnectorOptions,
  azureFirewallConnector,
} from './generated/connector.js';
