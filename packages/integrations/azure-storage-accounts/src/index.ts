/** @rampart/connector-azure-storage-accounts: Microsoft Azure Storage accounts tools. Hand-written: the generator created this file once. */
export {
  createAzureStorageAccountsConnector,
  type AzureStorageAccountsConnectorOptions,
  azureStorageAccountsConnector,
} from './generated/connector.js';
