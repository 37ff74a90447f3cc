/** @rampart/connector-microsoft-threat-intelligence: Microsoft Defender Threat Intelligence tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftThreatIntelligenceConnector,
  type MicrosoftThreatIntelligenceConnectorOptions,
  microsoftThreatIntelligenceConnector,
} from './generated/connector.js';
