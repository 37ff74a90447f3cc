/**
 * @rampart/connector-cloudflare: Cloudflare API v4 zone firewall tools for SOC agents (IP Access rules, WAF custom
 * rules).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  type CloudflareConnectorOptions,
  cloudflareConnector,
  createCloudflareConnector,
} from './generated/connector.js';
export { operations as cloudflareOperations } from './generated/operations.js';
export type {
  AccessRule as CloudflareAccessRule,
  RulesetResponse as CloudflareRulesetResponse,
  Zone as CloudflareZone,
} from './generated/schemas.js';
export * as cloudflareSchemas from './generated/schemas.js';
/** Types of the Cloudflare operations the connector uses (openapi-typescript). */
export type * as CloudflareApi from './generated/types.js';
