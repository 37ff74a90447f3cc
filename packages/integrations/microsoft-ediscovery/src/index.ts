/** @rampart/connector-microsoft-ediscovery: Microsoft Purview eDiscovery (Premium) tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEdiscoveryConnector,
  type MicrosoftEdiscoveryConnectorOptions,
  microsoftEdiscoveryConnector,
} from './generated/connector.js';
