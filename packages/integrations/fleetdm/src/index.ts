/** @rampart/connector-fleetdm: Fleet Device Management Fleet REST API tools. Hand-written: the generator created this file once. */
export {
  createFleetdmConnector,
  type FleetdmConnectorOptions,
  fleetdmConnector,
} from './generated/connector.js';
