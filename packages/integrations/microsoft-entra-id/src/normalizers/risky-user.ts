import { type AlertNormalizer, defineNormalizer, type Observable } from '@rampart/core/connector';
import type { z } from 'zod';
import { RiskyUser } from '../generated/schemas.js';
import { classFields, entraUser, epochMs, findingStatusOf, present, severityOfRisk } from './entra-common.js';

type EntraRiskyUser = z.output<typeof RiskyUser>;

const product = { vendor_name: 'Microsoft', name: 'Microsoft Entra ID Protection' } as const;

function normalizeRiskyUser(risky: EntraRiskyUser) {
  const observables: Observable[] = [];
  const user = entraUser({ ...risky, userId: risky.id }, 'evidences.user', observables);
  const who = risky.userPrincipalName ?? risky.userDisplayName ?? risky.id;
  const level = risky.riskLevel ?? 'unknown';
  const updated = epochMs(risky.riskLastUpdatedDateTime);
  const title = risky.riskState === 'confirmedCompromised' ? 'User confirmed compromised' : `User at ${level} risk`;
  return {
    ...classFields('detectionFinding', updated !== undefined ? 2 : 1, updated !== undefined ? 'Update' : 'Create'),
    severity_id: severityOfRisk(risky.riskLevel, risky.riskState),
    time: updated ?? 0,
    ...findingStatusOf(risky.riskState),
    message: `${title}: ${who}`,
    finding_info: {
      uid: risky.id,
      title,
      desc:
        `Microsoft Entra ID Protection rates ${who} at ${level} risk (state ${risky.riskState ?? 'unknown'}` +
        `${present(risky.riskDetail) && risky.riskDetail !== 'none' ? `, ${risky.riskDetail}` : ''}).`,
      types: ['riskyUser', ...(present(risky.riskState) ? [risky.riskState] : [])],
      analytic: { name: 'Microsoft Entra ID Protection user risk', type_id: 99, type: 'Other' },
      ...(updated !== undefined && { last_seen_time: updated }),
    },
    evidences: [{ user }],
    observables,
    metadata: {
      product,
      // A risky user's id is the user's object id; the last update makes each state change its own alert.
      uid: present(risky.riskLastUpdatedDateTime) ? `${risky.id}@${risky.riskLastUpdatedDateTime}` : risky.id,
      labels: ['riskyUser'],
    },
    raw_data: JSON.stringify(risky),
    unmapped: {
      entra: {
        riskLevel: risky.riskLevel,
        riskState: risky.riskState,
        riskDetail: risky.riskDetail,
        isDeleted: risky.isDeleted,
        isProcessing: risky.isProcessing,
      },
    },
  };
}

function isRiskyUser(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return (
    'riskLastUpdatedDateTime' in record &&
    !('riskEventType' in record) &&
    !('createdDateTime' in record) &&
    RiskyUser.safeParse(payload).success
  );
}

/** Microsoft Entra ID Protection risky users (`/identityProtection/riskyUsers`) → Detection Finding 2004. */
export const entraRiskyUserNormalizer: AlertNormalizer = defineNormalizer({
  id: 'microsoft-entra-id.risky-user',
  connectorId: 'microsoft-entra-id',
  description: 'Microsoft Entra ID Protection risky users (riskyUser) as OCSF Detection Findings.',
  input: RiskyUser,
  matches: isRiskyUser,
  normalize: normalizeRiskyUser,
});
