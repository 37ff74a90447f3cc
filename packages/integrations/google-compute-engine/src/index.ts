/** @rampart/connector-google-compute-engine: Google Compute Engine API tools. Hand-written: the generator created this file once. */
export {
  createGoogleComputeEngineConnector,
  type GoogleComputeEngineConnectorOptions,
  googleComputeEngineConnector,
} from './generated/connector.js';
