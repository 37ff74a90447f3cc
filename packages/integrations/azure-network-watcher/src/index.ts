/** @rampart/connector-azure-network-watcher: Microsoft Azure Network Watcher tools. Hand-written: the generator created this file once. */
export {
  createAzureNetworkWatcherConnector,
  type AzureNetworkWatcherConnectorOptions,
  azureNetworkWatcherConnector,
} from './generated/connector.js';
