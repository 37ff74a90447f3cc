/** @rampart/connector-azure-resource-locks: Microsoft Azure Resource Manager locks tools. Hand-written: the generator created this file once. */
export {
  createAzureResourceLocksConnector,
  type AzureResourceLocksConnectorOptions,
  azureResourceLocksConnector,
} from './generated/connector.js';
