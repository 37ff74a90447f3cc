/** @rampart/connector-probely: Probely (Snyk API & Web) Probely API tools. Hand-written: the generator created this file once. */
export {
  createProbelyConnector,
  type ProbelyConnectorOptions,
  probelyConnector,
} from './generated/connector.js';
