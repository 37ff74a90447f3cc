/** @rampart/connector-notion: Notion API tools. Hand-written: the generator created this file once. */
export {
  createNotionConnector,
  type NotionConnectorOptions,
  notionConnector,
} from './generated/connector.js';
