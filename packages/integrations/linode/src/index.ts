/** @rampart/connector-linode: Akamai Linode API (Akamai Cloud Computing) tools. Hand-written: the generator created this file once. */
export {
  createLinodeConnector,
  type LinodeConnectorOptions,
  linodeConnector,
} from './generated/connector.js';
