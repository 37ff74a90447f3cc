/** @rampart/connector-azure-log-analytics: Microsoft Azure Monitor Log Analytics tools. Hand-written: the generator created this file once. */
export {
  createAzureLogAnalyticsConnector,
  type AzureLogAnalyticsConnectorOptions,
  azureLogAnalyticsConnector,
} from './generated/connector.js';
