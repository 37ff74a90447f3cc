/** @rampart/connector-azure-managed-identities: Microsoft Azure managed identities tools. Hand-written: the generator created this file once. */
export {
  createAzureManagedIdentitiesConnector,
  type AzureManagedIdentitiesConnectorOptions,
  azureManagedIdentitiesConnector,
} from './generated/connector.js';
