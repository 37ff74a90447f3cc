/** @rampart/connector-infoblox-threat-defense: Infoblox Threat Defense API tools. Hand-written: the generator created this file once. */
export {
  createInfobloxThreatDefenseConnector,
  type InfobloxThreatDefenseConnectorOptions,
  infobloxThreatDefenseConnector,
} from './generated/connector.js';
