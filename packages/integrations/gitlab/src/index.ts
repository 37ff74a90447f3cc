/** @rampart/connector-gitlab: GitLab REST API v4 tools. Hand-written: the generator created this file once. */
export {
  createGitlabConnector,
  type GitlabConnectorOptions,
  gitlabConnector,
} from './generated/connector.js';
