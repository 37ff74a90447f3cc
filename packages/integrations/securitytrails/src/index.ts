/**
 * @rampart/connector-securitytrails: SecurityTrails API v1 tools for SOC agents (domain DNS, subdomains, DNS and WHOIS history).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  createSecuritytrailsConnector,
  type SecuritytrailsConnectorOptions,
  securitytrailsConnector,
} from './generated/connector.js';
export { operations as securitytrailsOperations } from './generated/operations.js';
export * as securitytrailsSchemas from './generated/schemas.js';
/** Types of the operations the connector uses (openapi-typescript). */
export type * as SecuritytrailsApi from './generated/types.js';
