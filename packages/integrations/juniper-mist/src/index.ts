/** @rampart/connector-juniper-mist: Juniper Networks Juniper Mist API v1 tools. Hand-written: the generator created this file once. */
export {
  createJuniperMistConnector,
  type JuniperMistConnectorOptions,
  juniperMistConnector,
} from './generated/connector.js';
