/**
 * @rampart/connector-microsoft-entra-id: Microsoft Entra ID tools for SOC agents, over Microsoft Graph v1.0.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written public
 * surface: the ID Protection and sign-in normalizers, curated account actions. Graph lists page with
 * `connector.paginate(operation, input, { pagination: odataPagination })` from @rampart/connector-kit.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { entraRiskDetectionNormalizer } from './normalizers/risk-detection.js';
import { entraRiskyUserNormalizer } from './normalizers/risky-user.js';
import { entraSignInNormalizer } from './normalizers/sign-in.js';

export {
  createMicrosoftEntraIdSocActions,
  ListUserSignInsInput,
  ListUserSignInsOutput,
} from './actions/account-actions.js';
export {
  createMicrosoftEntraIdConnector,
  type MicrosoftEntraIdConnectorOptions,
  microsoftEntraIdConnector,
} from './generated/connector.js';
export { operations as microsoftEntraIdOperations } from './generated/operations.js';
export type {
  GetUserOutput as EntraUser,
  ListRiskDetectionsOutput as EntraRiskDetections,
  ListRiskyUsersOutput as EntraRiskyUsers,
  ListSignInsOutput as EntraSignIns,
  ListUserAuthenticationMethodsOutput as EntraAuthenticationMethods,
} from './generated/schemas.js';
export * as microsoftEntraIdSchemas from './generated/schemas.js';
/** Types of the Graph operations the connector uses (openapi-typescript). */
export type * as MicrosoftEntraIdApi from './generated/types.js';
export { entraRiskDetectionNormalizer, entraRiskyUserNormalizer, entraSignInNormalizer };

/** Every alert shape the connector emits: ID Protection risk detections and risky users, and sign-ins. */
export const alertNormalizers: readonly AlertNormalizer[] = [
  entraRiskDetectionNormalizer,
  entraRiskyUserNormalizer,
  entraSignInNormalizer,
];

/**
 * Entra ID Protection risk detections, risky users and sign-ins as Rampart alerts: one item, an array, or a Graph
 * list body (`{ value: [...] }`).
 */
export function normalizeMicrosoftEntraIdAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('microsoft-entra-id', alertNormalizers, payload);
}
