/** @rampart/connector-microsoft-entra-identity-protection: Microsoft Entra ID Protection tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEntraIdentityProtectionConnector,
  type MicrosoftEntraIdentityProtectionConnectorOptions,
  microsoftEntraIdentityProtectionConnector,
} from './generated/connector.js';
