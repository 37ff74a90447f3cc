/** @rampart/connector-azure-jit-network-access: Microsoft Defender for Cloud just-in-time VM access tools. Hand-written: the generator created this file once. */
export {
  createAzureJitNetworkAccessConnector,
  type AzureJitNetworkAccessConnectorOptions,
  azureJitNetworkAccessConnector,
} from './generated/connector.js';
