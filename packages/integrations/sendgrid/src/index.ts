/** @rampart/connector-sendgrid: Twilio SendGrid v3 API tools. Hand-written: the generator created this file once. */
export {
  createSendgridConnector,
  type SendgridConnectorOptions,
  sendgridConnector,
} from './generated/connector.js';
