/** @rampart/connector-splunk-soar: Splunk SOAR REST API tools. Hand-written: the generator created this file once. */
export {
  createSplunkSoarConnector,
  type SplunkSoarConnectorOptions,
  splunkSoarConnector,
} from './generated/connector.js';
