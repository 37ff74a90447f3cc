/** @rampart/connector-wazuh: Wazuh server API tools. Hand-written: the generator created this file once. */
export {
  createWazuhConnector,
  type WazuhConnectorOptions,
  wazuhConnector,
} from './generated/connector.js';
