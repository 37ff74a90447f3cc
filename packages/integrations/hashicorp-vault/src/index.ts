/** @rampart/connector-hashicorp-vault: HashiCorp Vault HTTP API tools. Hand-written: the generator created this file once. */
export {
  createHashicorpVaultConnector,
  type HashicorpVaultConnectorOptions,
  hashicorpVaultConnector,
} from './generated/connector.js';
