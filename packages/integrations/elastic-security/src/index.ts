/**
 * @rampart/connector-elastic-security: Elastic Security tools for SOC agents (detection alerts and rules, Elastic
 * Defend host isolation).
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Each deployment has its own Kibana: pass it as the `kibanaHost` and `kibanaPort` base URL
 * variables (443 on Elastic Cloud).
 */
export {
  createElasticSecurityConnector,
  type ElasticSecurityConnectorOptions,
  elasticSecurityConnector,
} from './generated/connector.js';
export { operations as elasticSecurityOperations } from './generated/operations.js';
export type {
  AlertHit as ElasticAlertHit,
  EndpointMetadata as ElasticEndpoint,
  ResponseActionResult as ElasticResponseAction,
  Rule as ElasticDetectionRule,
} from './generated/schemas.js';
export * as elasticSecuritySchemas from './generated/schemas.js';
/** Types of the Elastic Security operations the connector uses (openapi-typescript). */
export type * as ElasticSecurityApi from './generated/types.js';
