/** @rampart/connector-microsoft-teams: Microsoft Teams tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftTeamsConnector,
  type MicrosoftTeamsConnectorOptions,
  microsoftTeamsConnector,
} from './generated/connector.js';
