/** @rampart/connector-zoom: Zoom API tools. Hand-written: the generator created this file once. */
export {
  createZoomConnector,
  type ZoomConnectorOptions,
  zoomConnector,
} from './generated/connector.js';
