import {
  type AlertNormalizer,
  defineNormalizer,
  type Observable,
  observableTypeIds,
  ocsfClasses,
} from '@rampart/core/connector';
import type { z } from 'zod';
import { LogEvent } from '../generated/schemas.js';

/**
 * Okta System Log events (`GET /api/v1/logs`, Event Hooks, Log Streaming) as Rampart alerts.
 *
 * Class by event type:
 * - sign-in and MFA events (`user.session.*`, `user.authentication.*`, `user.mfa.okta_verify.*`,
 *   `policy.evaluate_sign_on`) → Authentication 3002, the signing-in user in `user`;
 * - account changes (`user.lifecycle.*`, `user.account.*`, `user.mfa.factor.*`, `group.user_membership.*`) →
 *   Account Change 3001, the changed user in `user` and the admin in `actor.user` (OCSF's Group Management 3006
 *   would fit membership changes more exactly, but Rampart's IAM cases are built on 3001/3002);
 * - `security.threat.detected` (Okta ThreatInsight) → Detection Finding 2004: Okta itself judged the request;
 * - anything else → API Activity 6003, the targets as `resources`.
 *
 * Severity: Okta's `severity` (DEBUG, INFO, WARN, ERROR) rates the log line, not the threat, so the event type and
 * outcome raise it. The result is the higher of the two:
 * - vendor scale: DEBUG, INFO → 1 Informational; WARN → 3 Medium; ERROR → 4 High;
 * - event: `security.threat.detected` and a denied Okta Verify push (`user.mfa.okta_verify.deny_push`, the MFA-fatigue
 *   signal: someone else holds the password) → 4 High; `user.account.lock`, a sign-on policy DENY → 3 Medium;
 *   any other FAILURE or DENY of a sign-in → 2 Low.
 */

type OktaLogEvent = z.output<typeof LogEvent>;
type LogTarget = NonNullable<OktaLogEvent['target']>[number];
type ShapedAlert = Record<string, unknown>;

const product = { vendor_name: 'Okta', name: 'Okta Workforce Identity' } as const;

type EventKind = 'authentication' | 'account-change' | 'threat' | 'api';

const authenticationPrefixes = ['user.session.', 'user.authentication.', 'user.mfa.okta_verify.', 'user.mfa.attempt'];
const accountChangePrefixes = ['user.lifecycle.', 'user.account.', 'user.mfa.factor.', 'group.user_membership.'];

function kindOf(eventType: string): EventKind {
  if (eventType === 'security.threat.detected') return 'threat';
  if (eventType === 'policy.evaluate_sign_on' || authenticationPrefixes.some((prefix) => eventType.startsWith(prefix)))
    return 'authentication';
  if (accountChangePrefixes.some((prefix) => eventType.startsWith(prefix))) return 'account-change';
  return 'api';
}

/** OCSF Account Change activities by Okta event type (99 Other for the rest, e.g. group membership). */
const accountChangeActivities: ReadonlyArray<readonly [prefix: string, id: number, name: string]> = [
  ['user.lifecycle.create', 1, 'Create'],
  ['user.lifecycle.activate', 2, 'Enable'],
  ['user.lifecycle.reactivate', 2, 'Enable'],
  ['user.lifecycle.unsuspend', 2, 'Enable'],
  ['user.account.update_password', 3, 'Password Change'],
  ['user.account.reset_password', 4, 'Password Reset'],
  ['user.lifecycle.password_reset', 4, 'Password Reset'],
  ['user.lifecycle.deactivate', 5, 'Disable'],
  ['user.lifecycle.suspend', 5, 'Disable'],
  ['user.lifecycle.delete', 6, 'Delete'],
  ['user.account.lock', 9, 'Lock'],
  ['user.mfa.factor.activate', 10, 'MFA Factor Enable'],
  ['user.mfa.factor.deactivate', 11, 'MFA Factor Disable'],
  ['user.mfa.factor.reset_all', 11, 'MFA Factor Disable'],
  ['user.account.unlock', 12, 'Unlock'],
];

const vendorSeverity: Readonly<Record<string, number>> = { DEBUG: 1, INFO: 1, WARN: 3, ERROR: 4 };

function isDenied(result: string): boolean {
  return result === 'FAILURE' || result === 'DENY';
}

function severityOf(event: OktaLogEvent, kind: EventKind): number {
  const fromVendor = vendorSeverity[event.severity.toUpperCase()] ?? 0;
  const result = event.outcome.result.toUpperCase();
  let fromEvent = 1;
  if (kind === 'threat' || event.eventType === 'user.mfa.okta_verify.deny_push') fromEvent = 4;
  else if (event.eventType === 'user.account.lock') fromEvent = 3;
  else if (event.eventType === 'policy.evaluate_sign_on' && result === 'DENY') fromEvent = 3;
  else if (kind === 'authentication' && isDenied(result)) fromEvent = 2;
  return Math.max(fromVendor, fromEvent);
}

/** OCSF `status_id`: 1 Success, 2 Failure, 99 Other (Okta's CHALLENGE, SKIPPED, UNKNOWN ...). */
function statusOf(result: string): { status_id: number; status: string } {
  const upper = result.toUpperCase();
  if (upper === 'SUCCESS' || upper === 'ALLOW') return { status_id: 1, status: 'Success' };
  if (isDenied(upper)) return { status_id: 2, status: 'Failure' };
  return { status_id: 99, status: result };
}

function known(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.toLowerCase() !== 'unknown';
}

interface Principal {
  id?: string | null;
  type: string;
  alternateId?: string | null;
  displayName?: string | null;
}

/** An OCSF user object, and observables for it under `pointer` (e.g. `user`, `actor.user`). */
function userOf(principal: Principal | undefined, pointer: string, observables: Observable[]): ShapedAlert | undefined {
  if (principal === undefined || principal.type !== 'User') return undefined;
  const login = known(principal.alternateId) ? principal.alternateId : undefined;
  const user: ShapedAlert = {
    ...(known(principal.id) && { uid: principal.id }),
    ...(login !== undefined && { name: login }),
    ...(known(principal.displayName) && { full_name: principal.displayName }),
  };
  if (login?.includes('@')) {
    user.email_addr = login;
    observables.push({ name: `${pointer}.email_addr`, type_id: observableTypeIds.emailAddress, value: login });
  } else if (login !== undefined) {
    observables.push({ name: `${pointer}.name`, type_id: observableTypeIds.userName, value: login });
  }
  return Object.keys(user).length > 0 ? user : undefined;
}

/** The client as an OCSF network endpoint (geo in `location`), plus its address observables. */
function sourceEndpointOf(event: OktaLogEvent, pointer: string, observables: Observable[]): ShapedAlert | undefined {
  const client = event.client;
  const ip = known(client?.ipAddress) ? client.ipAddress : undefined;
  if (ip !== undefined) observables.push({ name: `${pointer}.ip`, type_id: observableTypeIds.ipAddress, value: ip });
  const intermediate = (event.request?.ipChain ?? [])
    .map((hop) => hop.ip)
    .filter((hop): hop is string => known(hop) && hop !== ip);
  for (const hop of new Set(intermediate)) {
    observables.push({ name: `${pointer}.intermediate_ips`, type_id: observableTypeIds.ipAddress, value: hop });
  }
  const geo = client?.geographicalContext;
  const place = [geo?.city, geo?.state, geo?.country].filter(known);
  const location = geo
    ? {
        ...(known(geo.city) && { city: geo.city }),
        ...(known(geo.state) && { region: geo.state }),
        ...(known(geo.postalCode) && { postal_code: geo.postalCode }),
        ...(typeof geo.geolocation?.lat === 'number' && { lat: geo.geolocation.lat }),
        ...(typeof geo.geolocation?.lon === 'number' && { long: geo.geolocation.lon }),
        // Okta names the country (`United States`); OCSF's `country` wants an ISO code, so the name goes in `desc`.
        ...(place.length > 0 && { desc: place.join(', ') }),
      }
    : undefined;
  const security = event.securityContext;
  const endpoint: ShapedAlert = {
    ...(ip !== undefined && { ip }),
    ...(intermediate.length > 0 && { intermediate_ips: [...new Set(intermediate)] }),
    ...(location !== undefined && Object.keys(location).length > 0 && { location }),
    ...(known(security?.isp) && { isp: security.isp }),
    ...(typeof security?.asNumber === 'number' && {
      autonomous_system: { number: security.asNumber, ...(known(security.asOrg) && { name: security.asOrg }) },
    }),
  };
  return Object.keys(endpoint).length > 0 ? endpoint : undefined;
}

function userAgentOf(event: OktaLogEvent, observables: Observable[]): ShapedAlert | undefined {
  const userAgent = event.client?.userAgent?.rawUserAgent;
  if (!known(userAgent)) return undefined;
  observables.push({ name: 'http_request.user_agent', type_id: observableTypeIds.userAgent, value: userAgent });
  return { user_agent: userAgent };
}

function messageOf(event: OktaLogEvent): string {
  const text = known(event.displayMessage) ? event.displayMessage : event.eventType;
  const { result, reason } = event.outcome;
  if (result.toUpperCase() === 'SUCCESS') return text;
  return `${text}: ${result}${known(reason) ? ` (${reason})` : ''}`;
}

function firstTarget(event: OktaLogEvent, type: string): LogTarget | undefined {
  return event.target?.find((target) => target.type === type);
}

function classFields(classKey: keyof typeof ocsfClasses, activityId: number, activityName: string): ShapedAlert {
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

function normalizeEvent(event: OktaLogEvent): ShapedAlert {
  const kind = kindOf(event.eventType);
  const observables: Observable[] = [];
  const severityId = severityOf(event, kind);
  const time = Date.parse(event.published);
  const debugData = event.debugContext?.debugData ?? undefined;
  const common: ShapedAlert = {
    severity_id: severityId,
    time,
    ...statusOf(event.outcome.result),
    ...(known(event.outcome.reason) && { status_detail: event.outcome.reason }),
    metadata: {
      product,
      uid: event.uuid,
      original_time: event.published,
      ...(known(event.transaction?.id) && { correlation_uid: event.transaction.id }),
      labels: [event.eventType],
    },
    raw_data: JSON.stringify(event),
    unmapped: {
      okta: {
        eventType: event.eventType,
        severity: event.severity,
        ...(known(event.legacyEventType) && { legacyEventType: event.legacyEventType }),
        ...(known(event.client?.zone) && event.client.zone !== 'null' && { zone: event.client.zone }),
        ...(event.securityContext?.isProxy != null && { isProxy: event.securityContext.isProxy }),
        ...(debugData && { debugData }),
      },
    },
  };

  if (kind === 'threat') {
    const endpoint = sourceEndpointOf(event, 'evidences.src_endpoint', observables);
    const actorUser = userOf(event.actor, 'evidences.actor.user', observables);
    const threats = typeof debugData?.threatDetections === 'string' ? debugData.threatDetections : undefined;
    return {
      ...classFields('detectionFinding', 1, 'Create'),
      ...common,
      message: messageOf(event),
      finding_info: {
        uid: event.uuid,
        title: known(event.displayMessage) ? event.displayMessage : event.eventType,
        desc: [messageOf(event), threats && `ThreatInsight detections: ${threats}`].filter(Boolean).join('. '),
        types: [event.eventType, ...(known(event.outcome.reason) ? [event.outcome.reason] : [])],
        analytic: { name: 'Okta ThreatInsight', type_id: 2, type: 'Behavioral' },
        created_time: time,
      },
      evidences: [
        {
          ...(endpoint && { src_endpoint: endpoint }),
          ...(actorUser && { actor: { user: actorUser } }),
        },
      ],
      observables,
    };
  }

  if (kind === 'authentication') {
    const user = userOf(event.actor, 'user', observables);
    const endpoint = sourceEndpointOf(event, 'src_endpoint', observables);
    const httpRequest = userAgentOf(event, observables);
    const app = firstTarget(event, 'AppInstance');
    const sessionId = event.authenticationContext?.externalSessionId;
    const logoff = event.eventType === 'user.session.end';
    return {
      ...classFields('authentication', logoff ? 2 : 1, logoff ? 'Logoff' : 'Logon'),
      ...common,
      message: messageOf(event),
      user: user ?? { name: event.actor.alternateId ?? event.actor.id },
      ...(endpoint && { src_endpoint: endpoint }),
      ...(httpRequest && { http_request: httpRequest }),
      service: { name: known(app?.displayName) ? app.displayName : 'Okta' },
      is_mfa: event.eventType.startsWith('user.mfa.') || event.eventType === 'user.authentication.auth_via_mfa',
      ...(known(sessionId) && { session: { uid: sessionId } }),
      observables,
    };
  }

  if (kind === 'account-change') {
    const activity = accountChangeActivities.find(([prefix]) => event.eventType.startsWith(prefix));
    const target = firstTarget(event, 'User');
    const user = userOf(target ?? event.actor, 'user', observables);
    const actorUser = target !== undefined ? userOf(event.actor, 'actor.user', observables) : undefined;
    const endpoint = sourceEndpointOf(event, 'src_endpoint', observables);
    const httpRequest = userAgentOf(event, observables);
    const group = firstTarget(event, 'UserGroup');
    return {
      ...classFields('accountChange', activity?.[1] ?? 99, activity?.[2] ?? 'Other'),
      ...common,
      message: messageOf(event),
      user: {
        ...(user ?? { name: target?.alternateId ?? event.actor.id }),
        ...(group && { groups: [{ uid: group.id, ...(known(group.displayName) && { name: group.displayName }) }] }),
      },
      ...(actorUser && { actor: { user: actorUser } }),
      ...(endpoint && { src_endpoint: endpoint }),
      ...(httpRequest && { http_request: httpRequest }),
      observables,
    };
  }

  const actorUser = userOf(event.actor, 'actor.user', observables);
  const endpoint = sourceEndpointOf(event, 'src_endpoint', observables);
  const httpRequest = userAgentOf(event, observables);
  return {
    ...classFields('apiActivity', 99, 'Other'),
    ...common,
    message: messageOf(event),
    actor: actorUser ? { user: actorUser } : { app_name: event.actor.displayName ?? event.actor.type },
    api: { operation: event.eventType, service: { name: 'Okta' } },
    ...(endpoint && { src_endpoint: endpoint }),
    ...(httpRequest && { http_request: httpRequest }),
    ...(event.target &&
      event.target.length > 0 && {
        resources: event.target.map((target) => ({
          uid: target.id,
          type: target.type,
          ...(known(target.displayName) && { name: target.displayName }),
        })),
      }),
    observables,
  };
}

/** Okta System Log events → Authentication 3002, Account Change 3001, Detection Finding 2004 or API Activity 6003. */
export const oktaSystemLogEventNormalizer: AlertNormalizer = defineNormalizer({
  id: 'okta.system-log-event',
  connectorId: 'okta',
  description:
    'Okta System Log events (sign-ins, MFA, ThreatInsight, lockouts, sign-on policy, account changes) as OCSF alerts.',
  input: LogEvent,
  matches: (payload) =>
    typeof payload === 'object' &&
    payload !== null &&
    'eventType' in payload &&
    'uuid' in payload &&
    LogEvent.safeParse(payload).success,
  normalize: normalizeEvent,
});
