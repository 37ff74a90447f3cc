/** @rampart/connector-google-workspace-directory: Google Workspace Admin SDK Directory API tools. Hand-written: the generator created this file once. */
export {
  createGoogleWorkspaceDirectoryConnector,
  type GoogleWorkspaceDirectoryConnectorOptions,
  googleWorkspaceDirectoryConnector,
} from './generated/connector.js';
