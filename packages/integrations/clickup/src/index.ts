/** @rampart/connector-clickup: ClickUp API v2 tools. Hand-written: the generator created this file once. */
export {
  createClickupConnector,
  type ClickupConnectorOptions,
  clickupConnector,
} from './generated/connector.js';
