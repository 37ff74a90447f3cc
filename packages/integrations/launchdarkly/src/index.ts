/** @rampart/connector-launchdarkly: LaunchDarkly REST API v2 tools. Hand-written: the generator created this file once. */
export {
  createLaunchdarklyConnector,
  type LaunchdarklyConnectorOptions,
  launchdarklyConnector,
} from './generated/connector.js';
