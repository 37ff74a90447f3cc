/**
 * @rampart/connector-abnormal-security: Abnormal Security REST API tools for SOC agents (email threats, remediation,
 * cases).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface.
 */
export {
  type AbnormalSecurityConnectorOptions,
  abnormalSecurityConnector,
  createAbnormalSecurityConnector,
} from './generated/connector.js';
export { operations as abnormalSecurityOperations } from './generated/operations.js';
export type {
  GetThreatOutput as AbnormalThreat,
  ThreatMessage as AbnormalThreatMessage,
} from './generated/schemas.js';
export * as abnormalSecuritySchemas from './generated/schemas.js';
/** Types of the Abnormal Security operations the connector uses (openapi-typescript). */
export type * as AbnormalSecurityApi from './generated/types.js';
