/** @rampart/connector-cisco-meraki: Cisco Meraki Meraki Dashboard API v1 tools. Hand-written: the generator created this file once. */
export {
  createCiscoMerakiConnector,
  type CiscoMerakiConnectorOptions,
  ciscoMerakiConnector,
} from './generated/connector.js';
