import { type Observable, observableTypeIds, ocsfClasses } from '@rampart/core/connector';
import type { z } from 'zod';
import type { SignInLocation } from '../generated/schemas.js';

/**
 * Severity from Microsoft Entra ID Protection's risk levels (`riskLevel`, `riskLevelDuringSignIn`,
 * `riskLevelAggregated`): none → 1 Informational, low → 2 Low, medium → 3 Medium, high → 4 High; `hidden` (the tenant
 * has no Entra ID P2 licence) and unknown values → 0 Unknown. A risk an admin confirmed (`riskState`
 * confirmedCompromised) is 5 Critical: the account is known to be in an attacker's hands.
 */
export function severityOfRisk(level: string | null | undefined, state?: string | null): number {
  if (state === 'confirmedCompromised') return 5;
  switch (level) {
    case 'none':
      return 1;
    case 'low':
      return 2;
    case 'medium':
      return 3;
    case 'high':
      return 4;
    default:
      return 0;
  }
}

/**
 * OCSF finding `status_id` from ID Protection's `riskState`: atRisk → 1 New, confirmedCompromised → 2 In Progress (true
 * positive, remediation pending), dismissed → 3 Suppressed, remediated and confirmedSafe → 4 Resolved, else 99 Other.
 */
export function findingStatusOf(state: string | null | undefined): { status_id: number; status: string } {
  switch (state) {
    case 'atRisk':
      return { status_id: 1, status: 'New' };
    case 'confirmedCompromised':
      return { status_id: 2, status: 'In Progress' };
    case 'dismissed':
      return { status_id: 3, status: 'Suppressed' };
    case 'remediated':
    case 'confirmedSafe':
      return { status_id: 4, status: 'Resolved' };
    default:
      return { status_id: 99, status: state ?? 'Other' };
  }
}

/** Titles of ID Protection risk event types, as Microsoft's "What are risk detections?" names them. */
const riskEventTitles: Readonly<Record<string, string>> = {
  adminConfirmedUserCompromised: 'Admin confirmed user compromised',
  anomalousToken: 'Anomalous token',
  anomalousUserActivity: 'Anomalous user activity',
  anonymizedIPAddress: 'Anonymous IP address',
  attackerinTheMiddle: 'Attacker in the middle',
  investigationsThreatIntelligence: 'Microsoft Entra threat intelligence',
  leakedCredentials: 'Leaked credentials',
  maliciousIPAddress: 'Malicious IP address',
  malwareInfectedIPAddress: 'Malware linked IP address',
  mcasImpossibleTravel: 'Impossible travel',
  mcasSuspiciousInboxManipulationRules: 'Suspicious inbox manipulation rules',
  nationStateIP: 'Nation-state IP address',
  newCountry: 'New country',
  passwordSpray: 'Password spray',
  suspiciousAPITraffic: 'Suspicious API traffic',
  suspiciousBrowser: 'Suspicious browser',
  suspiciousInboxForwarding: 'Suspicious inbox forwarding',
  tokenIssuerAnomaly: 'Token issuer anomaly',
  unfamiliarFeatures: 'Unfamiliar sign-in properties',
  unlikelyTravel: 'Atypical travel',
  userReportedSuspiciousActivity: 'User reported suspicious activity',
};

/** `unfamiliarFeatures` → `Unfamiliar sign-in properties`; unknown types are spelled out from their camelCase. */
export function riskEventTitle(type: string): string {
  const known = riskEventTitles[type];
  if (known !== undefined) return known;
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** An Entra sign-in location as an OCSF location (Graph's `countryOrRegion` is already an ISO 3166 code). */
export function locationOf(
  location: z.output<typeof SignInLocation> | null | undefined,
): Record<string, unknown> | undefined {
  if (!location) return undefined;
  const coordinates = location.geoCoordinates;
  const result = {
    ...(present(location.city) && { city: location.city }),
    ...(present(location.state) && { region: location.state }),
    ...(present(location.countryOrRegion) && { country: location.countryOrRegion }),
    ...(typeof coordinates?.latitude === 'number' && { lat: coordinates.latitude }),
    ...(typeof coordinates?.longitude === 'number' && { long: coordinates.longitude }),
  };
  return Object.keys(result).length > 0 ? result : undefined;
}

/** An OCSF user for an Entra account; the userPrincipalName is its name (and a user observable at `pointer`). */
export function entraUser(
  account: { userId?: string | null; userPrincipalName?: string | null; userDisplayName?: string | null },
  pointer: string,
  observables: Observable[],
): Record<string, unknown> {
  if (present(account.userPrincipalName)) {
    observables.push({
      name: `${pointer}.name`,
      type_id: observableTypeIds.userName,
      value: account.userPrincipalName,
    });
  }
  return {
    ...(present(account.userId) && { uid: account.userId }),
    ...(present(account.userPrincipalName) && { name: account.userPrincipalName }),
    ...(present(account.userDisplayName) && { full_name: account.userDisplayName }),
    type_id: 1,
    type: 'User',
  };
}

export function classFields(classKey: keyof typeof ocsfClasses, activityId: number, activityName: string) {
  const declared = ocsfClasses[classKey];
  return {
    class_uid: declared.class_uid,
    class_name: declared.class_name,
    category_uid: declared.category_uid,
    category_name: declared.category_name,
    activity_id: activityId,
    activity_name: activityName,
    type_uid: declared.class_uid * 100 + activityId,
  };
}

/** Parses an ISO timestamp to epoch ms; Graph writes up to seven fractional digits. */
export function epochMs(text: string | null | undefined): number | undefined {
  if (!present(text)) return undefined;
  const value = Date.parse(text);
  return Number.isNaN(value) ? undefined : value;
}
