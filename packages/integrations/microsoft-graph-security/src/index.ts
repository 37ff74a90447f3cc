/** @rampart/connector-microsoft-graph-security: Microsoft Graph security API (Microsoft Defender XDR) tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftGraphSecurityConnector,
  type MicrosoftGraphSecurityConnectorOptions,
  microsoftGraphSecurityConnector,
} from './generated/connector.js';
