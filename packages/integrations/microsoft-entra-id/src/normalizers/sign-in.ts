import { type AlertNormalizer, defineNormalizer, type Observable, observableTypeIds } from '@rampart/core/connector';
import type { z } from 'zod';
import { SignIn } from '../generated/schemas.js';
import { classFields, entraUser, epochMs, locationOf, present, severityOfRisk } from './entra-common.js';

type EntraSignIn = z.output<typeof SignIn>;

const product = { vendor_name: 'Microsoft', name: 'Microsoft Entra ID' } as const;

/**
 * A sign-in's severity: the higher of its real-time and aggregated risk level (see `severityOfRisk`), at least 2 Low
 * when the sign-in failed, and 1 Informational for a successful sign-in without risk.
 */
function severityOf(signIn: EntraSignIn, failed: boolean): number {
  const risk = Math.max(
    severityOfRisk(signIn.riskLevelDuringSignIn, signIn.riskState),
    severityOfRisk(signIn.riskLevelAggregated, signIn.riskState),
  );
  return Math.max(risk, failed ? 2 : 1);
}

function normalizeSignIn(signIn: EntraSignIn) {
  const observables: Observable[] = [];
  const errorCode = signIn.status?.errorCode ?? undefined;
  const failed = typeof errorCode === 'number' && errorCode !== 0;
  const user = entraUser(signIn, 'user', observables);
  const ip = present(signIn.ipAddress) ? signIn.ipAddress : undefined;
  if (ip !== undefined) observables.push({ name: 'src_endpoint.ip', type_id: observableTypeIds.ipAddress, value: ip });
  const device = signIn.deviceDetail;
  const hostname = present(device?.displayName) ? device.displayName : undefined;
  if (hostname !== undefined) {
    observables.push({ name: 'src_endpoint.hostname', type_id: observableTypeIds.hostname, value: hostname });
  }
  const location = locationOf(signIn.location);
  const risks = signIn.riskEventTypes_v2 ?? [];
  const riskLevel = [signIn.riskLevelDuringSignIn, signIn.riskLevelAggregated].find(
    (level) => present(level) && level !== 'none' && level !== 'hidden',
  );
  const who = signIn.userPrincipalName ?? signIn.userDisplayName ?? signIn.userId ?? 'unknown user';
  const app = signIn.appDisplayName ?? signIn.resourceDisplayName ?? 'Microsoft Entra ID';
  const outcome = failed
    ? `failed (${errorCode}${present(signIn.status?.failureReason) ? `: ${signIn.status.failureReason}` : ''})`
    : 'succeeded';
  const riskText = riskLevel ? `; ${riskLevel} risk${risks.length > 0 ? ` (${risks.join(', ')})` : ''}` : '';
  const endpoint = {
    ...(ip !== undefined && { ip }),
    ...(hostname !== undefined && { hostname }),
    ...(location !== undefined && { location }),
    ...(present(device?.operatingSystem) && { os: { name: device.operatingSystem, type_id: 0 } }),
    ...(present(device?.deviceId) && { uid: device.deviceId }),
  };
  return {
    ...classFields('authentication', 1, 'Logon'),
    severity_id: severityOf(signIn, failed),
    time: epochMs(signIn.createdDateTime) ?? 0,
    status_id: errorCode === undefined ? 0 : failed ? 2 : 1,
    status: errorCode === undefined ? 'Unknown' : failed ? 'Failure' : 'Success',
    ...(errorCode !== undefined && { status_code: String(errorCode) }),
    ...(failed && present(signIn.status?.failureReason) && { status_detail: signIn.status.failureReason }),
    message: `Sign-in by ${who} to ${app} ${outcome}${riskText}`,
    user,
    ...(Object.keys(endpoint).length > 0 && { src_endpoint: endpoint }),
    service: {
      name: app,
      ...(present(signIn.appId) && { uid: signIn.appId }),
    },
    ...(present(signIn.correlationId) && { session: { uid: signIn.correlationId } }),
    observables,
    metadata: {
      product,
      uid: signIn.id,
      ...(present(signIn.correlationId) && { correlation_uid: signIn.correlationId }),
      original_time: signIn.createdDateTime,
      labels: ['signIn', ...risks],
    },
    raw_data: JSON.stringify(signIn),
    unmapped: {
      entra: {
        clientAppUsed: signIn.clientAppUsed,
        isInteractive: signIn.isInteractive,
        conditionalAccessStatus: signIn.conditionalAccessStatus,
        appliedConditionalAccessPolicies: (signIn.appliedConditionalAccessPolicies ?? [])
          .filter((policy) => policy.result !== 'notApplied' && policy.result !== 'notEnabled')
          .map((policy) => ({ displayName: policy.displayName, result: policy.result })),
        riskLevelDuringSignIn: signIn.riskLevelDuringSignIn,
        riskLevelAggregated: signIn.riskLevelAggregated,
        riskState: signIn.riskState,
        riskDetail: signIn.riskDetail,
        riskEventTypes: risks,
        resourceDisplayName: signIn.resourceDisplayName,
        ...(present(signIn.status?.additionalDetails) && { additionalDetails: signIn.status.additionalDetails }),
      },
    },
  };
}

function isSignIn(payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const record = payload as Record<string, unknown>;
  return (
    'createdDateTime' in record &&
    !('riskEventType' in record) &&
    ('status' in record || 'appId' in record || 'ipAddress' in record) &&
    SignIn.safeParse(payload).success
  );
}

/** Microsoft Entra sign-ins (`/auditLogs/signIns`), risky or failed ones above all → Authentication 3002. */
export const entraSignInNormalizer: AlertNormalizer = defineNormalizer({
  id: 'microsoft-entra-id.sign-in',
  connectorId: 'microsoft-entra-id',
  description: 'Microsoft Entra sign-in log entries (signIn), with their risk, as OCSF Authentication events.',
  input: SignIn,
  matches: isSignIn,
  normalize: normalizeSignIn,
});
