/** @rampart/connector-tailscale: Tailscale API v2 tools. Hand-written: the generator created this file once. */
export {
  createTailscaleConnector,
  type TailscaleConnectorOptions,
  tailscaleConnector,
} from './generated/connector.js';
