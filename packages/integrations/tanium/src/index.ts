/** @rampart/connector-tanium: Tanium Threat Response API tools. Hand-written: the generator created this file once. */
export {
  createTaniumConnector,
  type TaniumConnectorOptions,
  taniumConnector,
} from './generated/connector.js';
