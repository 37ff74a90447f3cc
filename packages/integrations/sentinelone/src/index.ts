/**
 * @rampart/connector-sentinelone: SentinelOne Singularity tools for SOC agents.
 *
 * The connector is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written public
 * surface: the threat normalizer lives beside it in `src/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import { sentinelOneThreatNormalizer } from './normalizers/sentinelone-threat.js';

export {
  createSentineloneConnector,
  type SentineloneConnectorOptions,
  sentineloneConnector,
} from './generated/connector.js';
export { operations as sentineloneOperations } from './generated/operations.js';
export type {
  ContainHostOutput as SentinelOneActionResult,
  ListAgentsOutput as SentinelOneAgents,
  ListThreatsOutput as SentinelOneThreats,
} from './generated/schemas.js';
export * as sentineloneSchemas from './generated/schemas.js';
/** Types of the SentinelOne API operations the connector uses (openapi-typescript). */
export type * as SentineloneApi from './generated/types.js';
export {
  type SentinelOneThreat,
  sentinelOneSeverityId,
  sentinelOneThreatNormalizer,
} from './normalizers/sentinelone-threat.js';

/** Every normalizer of this connector, for `normalizeAlerts` and the host's alert intake. */
export const alertNormalizers: readonly AlertNormalizer[] = [sentinelOneThreatNormalizer];

/**
 * Normalizes SentinelOne threats as saved from the API: one threat, an array, or the `{ data, pagination }`
 * envelope of `listThreats`.
 */
export function normalizeSentinelOneAlerts(payload: unknown): Alert[] {
  return normalizeAlerts('sentinelone', alertNormalizers, payload);
}
