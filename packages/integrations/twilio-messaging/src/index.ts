/** @rampart/connector-twilio-messaging: Twilio Programmable Messaging (Message resource) tools. Hand-written: the generator created this file once. */
export {
  createTwilioMessagingConnector,
  type TwilioMessagingConnectorOptions,
  twilioMessagingConnector,
} from './generated/connector.js';
