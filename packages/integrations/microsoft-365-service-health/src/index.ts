/** @rampart/connector-microsoft-365-service-health: Microsoft 365 service health and message center tools. Hand-written: the generator created this file once. */
export {
  createMicrosoft365ServiceHealthConnector,
  type Microsoft365ServiceHealthConnectorOptions,
  microsoft365ServiceHealthConnector,
} from './generated/connector.js';
