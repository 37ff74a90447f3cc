/** @rampart/connector-microsoft-onedrive-sharepoint: Microsoft OneDrive and SharePoint Online tools. Hand-written: the generator created this file once. */
export {
  createMicrosoftOnedriveSharepointConnector,
  type MicrosoftOnedriveSharepointConnectorOptions,
  microsoftOnedriveSharepointConnector,
} from './generated/connector.js';
