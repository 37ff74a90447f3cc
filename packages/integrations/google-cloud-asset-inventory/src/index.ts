/** @rampart/connector-google-cloud-asset-inventory: Google Cloud Asset Inventory API tools. Hand-written: the generator created this file once. */
export {
  createGoogleCloudAssetInventoryConnector,
  type GoogleCloudAssetInventoryConnectorOptions,
  googleCloudAssetInventoryConnector,
} from './generated/connector.js';
