import { type AlertNormalizer, defineNormalizer, type Observable, observableTypeIds } from '@rampart/core/connector';
import type { z } from 'zod';
import { RiskDetection } from '../generated/schemas.js';
import {
  classFields,
  entraUser,
  epochMs,
  findingStatusOf,
  locationOf,
  present,
  riskEventTitle,
  severityOfRisk,
} from './entra-common.js';

type EntraRiskDetection = z.output<typeof RiskDetection>;

const product = { vendor_name: 'Microsoft', name: 'Microsoft Entra ID Protection' } as const;

const maxInfoDepth = 16;

/**
 * Whether a parsed value nests at most `maxInfoDepth` levels. The text is vendor data parsed after core's payload
 * depth check: a deeply nested Value would reach the alert and overflow `JSON.stringify` downstream.
 */
function shallow(value: unknown): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= maxInfoDepth) return false;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return true;
}

/** `additionalInfo` is JSON text of `{Key, Value}` pairs; unreadable or absurdly nested text is kept as it is. */
function additionalInfoOf(text: string | null | undefined): Record<string, unknown> | string | undefined {
  if (!present(text)) return undefined;
  try {
    const pairs = JSON.parse(text) as unknown;
    if (!Array.isArray(pairs) || !shallow(pairs)) return text;
    const entries = pairs
      .filter((pair): pair is { Key: string; Value: unknown } => typeof pair?.Key === 'string')
      .map((pair) => [pair.Key, pair.Value] as const);
    return Object.fromEntries(entries);
  } catch {
    return text;
  }
}

function normalizeRiskDetection(detection: EntraRiskDetection) {
  const observables: Observable[] = [];
  const eventType = present(detection.riskEventType) ? detection.riskEventType : 'riskDetection';
  const title = riskEventTitle(eventType);
  const user = entraUser(detection, 'evidences.user', observables);
  const ip = present(detection.ipAddress) ? detection.ipAddress : undefined;
  if (ip !== undefined) {
    observables.push({ name: 'evidences.src_endpoint.ip', type_id: observableTypeIds.ipAddress, value: ip });
  }
  const location = locationOf(detection.location);
  const info = additionalInfoOf(detection.additionalInfo);
  const userAgent = typeof info === 'object' && typeof info.userAgent === 'string' ? info.userAgent : undefined;
  if (userAgent !== undefined) {
    observables.push({
      name: 'evidences.http_request.user_agent',
      type_id: observableTypeIds.userAgent,
      value: userAgent,
    });
  }
  const detected = epochMs(detection.detectedDateTime);
  const happened = epochMs(detection.activityDateTime);
  const time = happened ?? detected ?? epochMs(detection.lastUpdatedDateTime) ?? 0;
  const who = detection.userPrincipalName ?? detection.userDisplayName ?? detection.userId ?? 'a user';
  const where = [ip, location && [location.city, location.country].filter(Boolean).join(', ')].filter(Boolean);
  const mitre = (detection as { mitreTechniqueId?: unknown }).mitreTechniqueId;
  return {
    ...classFields('detectionFinding', 1, 'Create'),
    severity_id: severityOfRisk(detection.riskLevel, detection.riskState),
    time,
    ...findingStatusOf(detection.riskState),
    message: `${title}: ${who}`,
    finding_info: {
      uid: detection.id,
      title,
      desc:
        `Microsoft Entra ID Protection detected ${title.toLowerCase()} (${eventType}) for ${who}` +
        `${where.length > 0 ? ` from ${where.join(' ')}` : ''}, on ${detection.activity ?? 'an'} activity; ` +
        `risk ${detection.riskLevel ?? 'unknown'}, state ${detection.riskState ?? 'unknown'}` +
        `${present(detection.riskDetail) && detection.riskDetail !== 'none' ? ` (${detection.riskDetail})` : ''}.`,
      types: [eventType, ...(present(detection.activity) ? [detection.activity] : [])],
      analytic: {
        uid: eventType,
        name: title,
        type_id: 99,
        type: present(detection.detectionTimingType) ? `ID Protection ${detection.detectionTimingType}` : 'Other',
      },
      ...(detected !== undefined && { created_time: detected }),
      ...(happened !== undefined && { first_seen_time: happened }),
      ...(epochMs(detection.lastUpdatedDateTime) !== undefined && {
        last_seen_time: epochMs(detection.lastUpdatedDateTime),
      }),
    },
    evidences: [
      {
        user,
        ...((ip !== undefined || location !== undefined) && {
          src_endpoint: { ...(ip !== undefined && { ip }), ...(location !== undefined && { location }) },
        }),
        ...(userAgent !== undefined && { http_request: { user_agent: userAgent } }),
      },
    ],
    ...(typeof mitre === 'string' && /^T\d{4}(\.\d{3})?$/.test(mitre) && { attacks: [{ technique: { uid: mitre } }] }),
    observables,
    metadata: {
      product,
      uid: detection.id,
      ...(present(detection.correlationId) && { correlation_uid: detection.correlationId }),
      ...(present(detection.activityDateTime) && { original_time: detection.activityDateTime }),
      labels: [eventType],
    },
    raw_data: JSON.stringify(detection),
    unmapped: {
      entra: {
        riskEventType: detection.riskEventType,
        riskLevel: detection.riskLevel,
        riskState: detection.riskState,
        riskDetail: detection.riskDetail,
        source: detection.source,
        detectionTimingType: detection.detectionTimingType,
        tokenIssuerType: detection.tokenIssuerType,
        requestId: detection.requestId,
        ...(info !== undefined && { additionalInfo: info }),
      },
    },
  };
}

function isRiskDetection(payload: unknown): boolean {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof (payload as Record<string, unknown>).riskEventType === 'string' &&
    RiskDetection.safeParse(payload).success
  );
}

/** Microsoft Entra ID Protection risk detections (`/identityProtection/riskDetections`) → Detection Finding 2004. */
export const entraRiskDetectionNormalizer: AlertNormalizer = defineNormalizer({
  id: 'microsoft-entra-id.risk-detection',
  connectorId: 'microsoft-entra-id',
  description: 'Microsoft Entra ID Protection risk detections (riskDetection) as OCSF Detection Findings.',
  input: RiskDetection,
  matches: isRiskDetection,
  normalize: normalizeRiskDetection,
});
