/** @rampart/connector-extrahop: ExtraHop REST API (Reveal(x)) tools. Hand-written: the generator created this file once. */
export {
  createExtrahopConnector,
  type ExtrahopConnectorOptions,
  extrahopConnector,
} from './generated/connector.js';
