/** @rampart/connector-zscaler-zpa: Zscaler Private Access (ZPA) API tools. Hand-written: the generator created this file once. */
export {
  createZscalerZpaConnector,
  type ZscalerZpaConnectorOptions,
  zscalerZpaConnector,
} from './generated/connector.js';
