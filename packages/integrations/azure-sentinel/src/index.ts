/** @rampart/connector-azure-sentinel: Microsoft Sentinel tools. Hand-written: the generator created this file once. */
export {
  createAzureSentinelConnector,
  type AzureSentinelConnectorOptions,
  azureSentinelConnector,
} from './generated/connector.js';
