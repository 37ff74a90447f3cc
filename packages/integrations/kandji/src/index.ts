/** @rampart/connector-kandji: Kandji (Iru) Kandji Endpoint Management API tools. Hand-written: the generator created this file once. */
export {
  createKandjiConnector,
  type KandjiConnectorOptions,
  kandjiConnector,
} from './generated/connector.js';
