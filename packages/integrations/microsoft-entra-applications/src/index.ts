/** @rampart/connector-microsoft-entra-applications: Microsoft Entra ID applications and enterprise apps tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEntraApplicationsConnector,
  type MicrosoftEntraApplicationsConnectorOptions,
  microsoftEntraApplicationsConnector,
} from './generated/connector.js';
