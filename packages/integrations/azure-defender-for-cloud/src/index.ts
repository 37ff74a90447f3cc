/** @rampart/connector-azure-defender-for-cloud: Microsoft Defender for Cloud tools. Hand-written: the generator created this file once. */
export {
  createAzureDefenderForCloudConnector,
  type AzureDefenderForCloudConnectorOptions,
  azureDefenderForCloudConnector,
} from './generated/connector.js';
