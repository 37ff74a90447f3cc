/** @rampart/connector-signl4: Derdack SIGNL4 REST API v1 tools. Hand-written: the generator created this file once. */
export {
  createSignl4Connector,
  type Signl4ConnectorOptions,
  signl4Connector,
} from './generated/connector.js';
