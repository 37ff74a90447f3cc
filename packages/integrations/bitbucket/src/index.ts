/** @rampart/connector-bitbucket: Atlassian Bitbucket Cloud REST API tools. Hand-written: the generator created this file once. */
export {
  createBitbucketConnector,
  type BitbucketConnectorOptions,
  bitbucketConnector,
} from './generated/connector.js';
