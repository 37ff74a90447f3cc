/** @rampart/connector-ibm-qradar: IBM QRadar SIEM REST API tools. Hand-written: the generator created this file once. */
export {
  createIbmQradarConnector,
  type IbmQradarConnectorOptions,
  ibmQradarConnector,
} from './generated/connector.js';
