/** @rampart/connector-microsoft-intune: Microsoft Intune tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftIntuneConnector,
  type MicrosoftIntuneConnectorOptions,
  microsoftIntuneConnector,
} from './generated/connector.js';
