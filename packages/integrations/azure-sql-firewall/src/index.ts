/** @rampart/connector-azure-sql-firewall: Microsoft Azure SQL Database server firewall tools. Hand-written: the generator created this file once. */
export {
  createAzureSqlFirewallConnector,
  type AzureSqlFirewallConnectorOptions,
  azureSqlFirewallConnector,
} from './generated/connector.js';
