/** @rampart/connector-cisco-secure-endpoint: Cisco Secure Endpoint API v1 (AMP for Endpoints) tools. Hand-written: the generator created this file once. */
export {
  createCiscoSecureEndpointConnector,
  type CiscoSecureEndpointConnectorOptions,
  ciscoSecureEndpointConnector,
} from './generated/connector.js';
