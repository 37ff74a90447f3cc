/** @rampart/connector-azure-key-vault: Microsoft Azure Key Vault tools. Hand-written: the generator created this file once. */
export {
  createAzureKeyVaultConnector,
  type AzureKeyVaultConnectorOptions,
  azureKeyVaultConnector,
} from './generated/connector.js';
