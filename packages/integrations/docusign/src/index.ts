/** @rampart/connector-docusign: Docusign eSignature REST API v2.1 tools. Hand-written: the generator created this file once. */
export {
  createDocusignConnector,
  type DocusignConnectorOptions,
  docusignConnector,
} from './generated/connector.js';
