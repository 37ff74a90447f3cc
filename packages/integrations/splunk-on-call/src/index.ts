/** @rampart/connector-splunk-on-call: Splunk On-Call (VictorOps) public API tools. Hand-written: the generator created this file once. */
export {
  createSplunkOnCallConnector,
  type SplunkOnCallConnectorOptions,
  splunkOnCallConnector,
} from './generated/connector.js';
