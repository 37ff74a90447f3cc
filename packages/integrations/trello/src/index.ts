/** @rampart/connector-trello: Atlassian Trello REST API tools. Hand-written: the generator created this file once. */
export {
  createTrelloConnector,
  type TrelloConnectorOptions,
  trelloConnector,
} from './generated/connector.js';
