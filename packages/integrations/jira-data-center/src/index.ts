/** @rampart/connector-jira-data-center: Atlassian Jira Data Center (and Server) REST API v2 tools. Hand-written: the generator created this file once. */
export {
  createJiraDataCenterConnector,
  type JiraDataCenterConnectorOptions,
  jiraDataCenterConnector,
} from './generated/connector.js';
