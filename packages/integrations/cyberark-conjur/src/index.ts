/** @rampart/connector-cyberark-conjur: CyberArk Conjur Open Source / Secrets Manager REST API tools. Hand-written: the generator created this file once. */
export {
  createCyberarkConjurConnector,
  type CyberarkConjurConnectorOptions,
  cyberarkConjurConnector,
} from './generated/connector.js';
