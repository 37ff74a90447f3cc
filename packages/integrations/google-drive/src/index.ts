/** @rampart/connector-google-drive: Google Drive API tools. Hand-written: the generator created this file once. */
export {
  createGoogleDriveConnector,
  type GoogleDriveConnectorOptions,
  googleDriveConnector,
} from './generated/connector.js';
