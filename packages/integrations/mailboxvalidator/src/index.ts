/** @rampart/connector-mailboxvalidator: MailboxValidator API v1 tools. Hand-written: the generator created this file once. */
export {
  createMailboxvalidatorConnector,
  type MailboxvalidatorConnectorOptions,
  mailboxvalidatorConnector,
} from './generated/connector.js';
