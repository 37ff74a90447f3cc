/** @rampart/connector-bitwarden-public-api: Bitwarden Public API (organization management) tools. Hand-written: the generator created this file once. */
export {
  createBitwardenPublicApiConnector,
  type BitwardenPublicApiConnectorOptions,
  bitwardenPublicApiConnector,
} from './generated/connector.js';
