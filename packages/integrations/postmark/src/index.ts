/** @rampart/connector-postmark: ActiveCampaign Postmark server API tools. Hand-written: the generator created this file once. */
export {
  createPostmarkConnector,
  type PostmarkConnectorOptions,
  postmarkConnector,
} from './generated/connector.js';
