/** @rampart/connector-github: GitHub REST API tools. Hand-written: the generator created this file once. */
export {
  createGithubConnector,
  type GithubConnectorOptions,
  githubConnector,
} from './generated/connector.js';
