/**
 * @rampart/connector-aws-guardduty: Amazon GuardDuty tools for SOC agents.
 *
 * The connector itself is generated from `manifest.yaml` (see `src/generated/`); this file is the hand-written
 * public surface: the finding normalizers and curated SOC actions beside it in `src/`.
 */
import { type Alert, type AlertNormalizer, normalizeAlerts } from '@rampart/core/connector';
import {
  connectorId,
  guardDutyFindingEventNormalizer,
  guardDutyFindingNormalizer,
} from './normalizers/guardduty-finding.js';

export {
  type AwsGuarddutyConnectorOptions,
  awsGuarddutyConnector,
  createAwsGuarddutyConnector,
} from './generated/connector.js';
export { operations as awsGuarddutyOperations } from './generated/operations.js';
export type {
  Finding as GuardDutyFindingRecord,
  GetFindingsOutput as GuardDutyFindings,
  ListFindingsInput as GuardDutyFindingQuery,
} from './generated/schemas.js';
export * as awsGuarddutySchemas from './generated/schemas.js';
/** Types of the GuardDuty API operations the connector uses (openapi-typescript). */
export type * as GuardDutyApi from './generated/types.js';
export {
  GuardDutyFinding,
  GuardDutyFindingEvent,
  guardDutyFindingEventNormalizer,
  guardDutyFindingNormalizer,
  guardDutyFindingToAlert,
  severityIdOf as guardDutySeverityId,
} from './normalizers/guardduty-finding.js';
export { guardDutySocActions } from './soc-actions.js';

/** Every native shape this connector emits: GetFindings findings and EventBridge "GuardDuty Finding" events. */
export const alertNormalizers: readonly AlertNormalizer[] = [
  guardDutyFindingNormalizer,
  guardDutyFindingEventNormalizer,
];

/**
 * Normalizes one finding, an EventBridge event, an array of them, or a GetFindings body (`{ findings: [...] }`).
 * Only `findings` is an envelope here: an EventBridge event's own `resources` array must not be taken for one.
 */
export function normalizeGuardDutyAlerts(payload: unknown): Alert[] {
  return normalizeAlerts(connectorId, alertNormalizers, payload, ['findings']);
}
