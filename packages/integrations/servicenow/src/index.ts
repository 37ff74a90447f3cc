/**
 * @rampart/connector-servicenow: ServiceNow Table API tools for SOC agents (Security Incident Response incidents,
 * users, CMDB computers).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Each customer has its own instance: pass its name as the `instance` base URL variable.
 */
export {
  createServicenowConnector,
  type ServicenowConnectorOptions,
  servicenowConnector,
} from './generated/connector.js';
export { operations as servicenowOperations } from './generated/operations.js';
export type {
  Computer as ServiceNowComputer,
  SecurityIncident as ServiceNowSecurityIncident,
  User as ServiceNowUser,
} from './generated/schemas.js';
export * as servicenowSchemas from './generated/schemas.js';
/** Types of the ServiceNow operations the connector uses (openapi-typescript). */
export type * as ServiceNowApi from './generated/types.js';
