/** @rampart/connector-azure-front-door-waf: Microsoft Azure Front Door Web Application Firewall tools. Hand-written: the generator created this file once. */
export {
  createAzureFrontDoorWafConnector,
  type AzureFrontDoorWafConnectorOptions,
  azureFrontDoorWafConnector,
} from './generated/connector.js';
