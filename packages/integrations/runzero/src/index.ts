/** @rampart/connector-runzero: runZero Organization API tools. Hand-written: the generator created this file once. */
export {
  createRunzeroConnector,
  type RunzeroConnectorOptions,
  runzeroConnector,
} from './generated/connector.js';
