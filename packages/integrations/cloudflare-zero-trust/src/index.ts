/** @rampart/connector-cloudflare-zero-trust: Cloudflare Zero Trust API (Access, Gateway) tools. Hand-written: the generator created this file once. */
export {
  createCloudflareZeroTrustConnector,
  type CloudflareZeroTrustConnectorOptions,
  cloudflareZeroTrustConnector,
} from './generated/connector.js';
