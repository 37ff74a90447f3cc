/**
 * @rampart/connector-sumo-logic: Sumo Logic Search Job API and Cloud SIEM insight tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface. Accounts outside US1 pass their deployment's API host as the `apiHost` base URL variable.
 */
export {
  createSumoLogicConnector,
  type SumoLogicConnectorOptions,
  sumoLogicConnector,
} from './generated/connector.js';
export { operations as sumoLogicOperations } from './generated/operations.js';
export type { Insight as SumoLogicInsight, MapRow as SumoLogicSearchRow } from './generated/schemas.js';
export * as sumoLogicSchemas from './generated/schemas.js';
/** Types of the Sumo Logic operations the connector uses (openapi-typescript). */
export type * as SumoLogicApi from './generated/types.js';
