/** @rampart/connector-microsoft-entra-groups: Microsoft Entra ID groups tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEntraGroupsConnector,
  type MicrosoftEntraGroupsConnectorOptions,
  microsoftEntraGroupsConnector,
} from './generated/connector.js';
