/** @rampart/connector-microsoft-entra-conditional-access: Microsoft Entra Conditional Access tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftEntraConditionalAccessConnector,
  type MicrosoftEntraConditionalAccessConnectorOptions,
  microsoftEntraConditionalAccessConnector,
} from './generated/connector.js';
