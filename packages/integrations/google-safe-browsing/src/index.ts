/** @rampart/connector-google-safe-browsing: Google Safe Browsing API v4 tools. Hand-written: the generator created this file once. */
export {
  createGoogleSafeBrowsingConnector,
  type GoogleSafeBrowsingConnectorOptions,
  googleSafeBrowsingConnector,
} from './generated/connector.js';
