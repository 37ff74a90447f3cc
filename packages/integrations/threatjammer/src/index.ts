/** @rampart/connector-threatjammer: Threat Jammer User API tools. Hand-written: the generator created this file once. */
export {
  createThreatjammerConnector,
  type ThreatjammerConnectorOptions,
  threatjammerConnector,
} from './generated/connector.js';
