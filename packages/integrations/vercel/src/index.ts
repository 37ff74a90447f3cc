/** @rampart/connector-vercel: Vercel REST API tools. Hand-written: the generator created this file once. */
export {
  createVercelConnector,
  type VercelConnectorOptions,
  vercelConnector,
} from './generated/connector.js';
