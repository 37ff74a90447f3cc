/** @rampart/connector-google-chat: Google Chat API tools. Hand-written: the generator created this file once. */
export {
  createGoogleChatConnector,
  type GoogleChatConnectorOptions,
  googleChatConnector,
} from './generated/connector.js';
