/** @rampart/connector-google-vault: Google Vault API tools. Hand-written: the generator created this file once. */
export {
  createGoogleVaultConnector,
  type GoogleVaultConnectorOptions,
  googleVaultConnector,
} from './generated/connector.js';
