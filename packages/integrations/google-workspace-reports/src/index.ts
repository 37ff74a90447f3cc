/** @rampart/connector-google-workspace-reports: Google Workspace Admin SDK Reports API tools. Hand-written: the generator created this file once. */
export {
  createGoogleWorkspaceReportsConnector,
  type GoogleWorkspaceReportsConnectorOptions,
  googleWorkspaceReportsConnector,
} from './generated/connector.js';
