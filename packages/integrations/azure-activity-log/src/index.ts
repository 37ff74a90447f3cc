/** @rampart/connector-azure-activity-log: Microsoft Azure Monitor Activity Log tools. Hand-written: the generator created this file once. */
export {
  createAzureActivityLogConnector,
  type AzureActivityLogConnectorOptions,
  azureActivityLogConnector,
} from './generated/connector.js';
