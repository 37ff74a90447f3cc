/** @rampart/connector-microsoft-entra-privileged-identity-management: Microsoft Entra Privileged Identity Management tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEntraPrivilegedIdentityManagementConnector,
  type MicrosoftEntraPrivilegedIdentityManagementConnectorOptions,
  microsoftEntraPrivilegedIdentityManagementConnector,
} from './generated/connector.js';
