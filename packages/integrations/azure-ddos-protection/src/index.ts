/** @rampart/connector-azure-ddos-protection: Microsoft Azure DDoS Protection tools. Hand-written: the generator created this file once. */
export {
  createAzureDdosProtectionConnector,
  type AzureDdosProtectionConnectorOptions,
  azureDdosProtectionConnector,
} from './generated/connector.js';
