/** @rampart/connector-keycloak: Keycloak Admin REST API tools. Hand-written: the generator created this file once. */
export {
  createKeycloakConnector,
  type KeycloakConnectorOptions,
  keycloakConnector,
} from './generated/connector.js';
