/** @rampart/connector-netlify: Netlify API tools. Hand-written: the generator created this file once. */
export {
  createNetlifyConnector,
  type NetlifyConnectorOptions,
  netlifyConnector,
} from './generated/connector.js';
