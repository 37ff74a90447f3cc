/** @rampart/connector-fortinet-fortigate: Fortinet FortiOS REST API (FortiGate) tools. Hand-written: the generator created this file once. */
export {
  createFortinetFortigateConnector,
  type FortinetFortigateConnectorOptions,
  fortinetFortigateConnector,
} from './generated/connector.js';
