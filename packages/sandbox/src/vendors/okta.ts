import { alertNormalizers, createOktaSocActions, oktaConnector } from '@rampart/connector-okta';
import { oktaHandlers } from '@rampart/connector-okta/testing';
import type { FactorState, SignInEvent, UserState, World } from '../world/world.js';
import { oktaStyleId } from '../world/derived-ids.js';
import { equalityConditions, iso, noContent, text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const domain = 'acme-sandbox.okta.com';

const statusNames = {
  active: 'ACTIVE',
  suspended: 'SUSPENDED',
  deprovisioned: 'DEPROVISIONED',
  locked: 'LOCKED_OUT',
} as const;

function notFound(reference: string): Response {
  return vendorError(404, {
    errorCode: 'E0000007',
    errorSummary: `Not found: Resource not found: ${reference} (User)`,
    errorLink: 'E0000007',
    errorId: 'sandbox-not-found',
    errorCauses: [],
  });
}

function oktaUser(user: UserState) {
  const [firstName, ...rest] = user.name.split(' ');
  return {
    id: user.id,
    status: statusNames[user.status],
    transitioningToStatus: null,
    created: iso(user.createdAt),
    activated: iso(user.createdAt),
    statusChanged: iso(user.statusChangedAt),
    lastLogin: iso(user.signIns.filter((event) => event.result === 'success').at(-1)?.at ?? user.createdAt),
    lastUpdated: iso(user.statusChangedAt),
    passwordChanged: iso(user.createdAt),
    type: { id: oktaStyleId('oty', 'default') },
    profile: {
      login: user.email,
      email: user.email,
      firstName: firstName ?? user.name,
      lastName: rest.join(' '),
      displayName: user.name,
      title: user.title ?? null,
      department: user.department ?? null,
      manager: user.manager ?? null,
      city: user.city ?? null,
      countryCode: user.country ?? null,
    },
    credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
    _links: { self: { href: `https://${domain}/api/v1/users/${user.id}` } },
  };
}

const factorTypes: Record<FactorState['type'], { factorType: string; provider: string }> = {
  push: { factorType: 'push', provider: 'OKTA' },
  sms: { factorType: 'sms', provider: 'OKTA' },
  call: { factorType: 'call', provider: 'OKTA' },
  totp: { factorType: 'token:software:totp', provider: 'GOOGLE' },
  webauthn: { factorType: 'webauthn', provider: 'FIDO' },
  email: { factorType: 'email', provider: 'OKTA' },
  security_question: { factorType: 'question', provider: 'OKTA' },
};

function oktaFactor(factor: FactorState) {
  return {
    id: factor.id,
    ...factorTypes[factor.type],
    vendorName: factorTypes[factor.type].provider,
    status: factor.status === 'active' ? 'ACTIVE' : 'PENDING_ACTIVATION',
    created: iso(factor.enrolledAt),
    lastUpdated: iso(factor.enrolledAt),
    profile: factor.device !== undefined ? { name: factor.device } : {},
  };
}

const eventTypes: Record<SignInEvent['kind'], (event: SignInEvent) => { eventType: string; displayMessage: string }> = {
  'sign-in': () => ({ eventType: 'user.session.start', displayMessage: 'User login to Okta' }),
  session: () => ({ eventType: 'user.session.start', displayMessage: 'User login to Okta' }),
  'mfa-push': (event) =>
    event.result === 'denied'
      ? { eventType: 'user.mfa.okta_verify.deny_push', displayMessage: 'User rejected Okta push verify' }
      : { eventType: 'system.push.send_factor_verify_push', displayMessage: 'Send push verify notification' },
  'mfa-verify': () => ({
    eventType: 'user.authentication.auth_via_mfa',
    displayMessage: 'Authentication of user via MFA',
  }),
};

const outcomes = { success: 'SUCCESS', failure: 'FAILURE', denied: 'DENY' } as const;

function systemLogEvent(user: UserState, event: SignInEvent) {
  return {
    uuid: event.id,
    published: iso(event.at),
    ...eventTypes[event.kind](event),
    version: '0',
    severity: event.result === 'success' ? 'INFO' : 'WARN',
    actor: { id: user.id, type: 'User', alternateId: user.email, displayName: user.name },
    client: {
      ipAddress: event.ip,
      device: 'Computer',
      zone: 'null',
      userAgent: { rawUserAgent: event.userAgent ?? 'Mozilla/5.0', os: 'Windows 10', browser: 'CHROME' },
      geographicalContext: {
        city: event.city ?? null,
        country: event.country ?? null,
      },
    },
    outcome: { result: outcomes[event.result], reason: event.reason ?? null },
    target: [{ id: user.id, type: 'User', alternateId: user.email, displayName: user.name }],
    transaction: { id: oktaStyleId('tx', event.id), type: 'WEB', detail: {} },
    debugContext: { debugData: {} },
    request: { ipChain: [{ ip: event.ip }] },
  };
}

type LogEvent = ReturnType<typeof systemLogEvent>;

function readPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function logEvents(world: World, input: Record<string, unknown>): LogEvent[] {
  const since = text(input, 'since');
  const until = text(input, 'until');
  const conditions = equalityConditions(text(input, 'filter'));
  const keywords = (text(input, 'q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const events = world.users
    .flatMap((user) => user.signIns.map((event) => ({ event, payload: systemLogEvent(user, event) })))
    .filter(({ event }) => since === undefined || event.at >= Date.parse(since))
    .filter(({ event }) => until === undefined || event.at <= Date.parse(until))
    .filter(({ payload }) =>
      // A field the sandbox does not model (or one inside a list, like target.id) does not narrow the result.
      conditions.every(({ field, value }) => {
        const found = readPath(payload, field);
        return found === undefined || String(found).toLowerCase() === value.toLowerCase();
      }),
    )
    .filter(({ payload }) => {
      const haystack = JSON.stringify(payload).toLowerCase();
      return keywords.every((keyword) => haystack.includes(keyword));
    })
    .sort((a, b) => a.event.at - b.event.at)
    .map(({ payload }) => payload);
  return input.sortOrder === 'DESCENDING' ? events.reverse() : events;
}

function findUser(world: World, input: Record<string, unknown>): UserState | Response {
  const reference = text(input, 'userId') ?? '';
  return world.findUser(reference) ?? notFound(reference);
}

/** Okta Workforce Identity: users, their status, sessions, MFA factors, groups and System Log. */
export const oktaVendor = defineVendorBinding({
  id: 'okta',
  definition: oktaConnector,
  baseUrlVariables: { domain },
  latencyMs: 150,
  credentials: { type: 'ssws', token: 'sandbox-okta-token' },
  fallbackHandlers: () => oktaHandlers({ baseUrlVariables: { domain } }),
  alertNormalizers,
  socTools: (connector) => createOktaSocActions(connector),
  responders: {
    getUser: ({ world, input }) => {
      const user = findUser(world, input);
      return user instanceof Response ? user : oktaUser(user);
    },
    listUsers: ({ world, input }) => {
      const prefix = text(input, 'q')?.toLowerCase();
      const conditions = equalityConditions(text(input, 'search') ?? text(input, 'filter'));
      return world.users
        .map(oktaUser)
        .filter(
          (user) =>
            prefix === undefined ||
            [user.profile.firstName, user.profile.lastName, user.profile.email].some((value) =>
              String(value ?? '')
                .toLowerCase()
                .startsWith(prefix),
            ),
        )
        .filter((user) =>
          conditions.every(
            ({ field, value }) => String(readPath(user, field) ?? '').toLowerCase() === value.toLowerCase(),
          ),
        );
    },
    suspendUser: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      if (user.status !== 'active' && user.status !== 'suspended') {
        return vendorError(400, {
          errorCode: 'E0000001',
          errorSummary: 'Api validation failed: Cannot suspend a user that is not active',
          errorCauses: [],
        });
      }
      world.setUserStatus(user, 'suspended');
      return {};
    },
    unsuspendUser: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      if (user.status === 'suspended') world.setUserStatus(user, 'active');
      return {};
    },
    clearUserSessions: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      world.revokeSessions(user);
      return noContent();
    },
    resetUserFactors: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      world.resetFactors(user);
      return {};
    },
    listUserFactors: ({ world, input }) => {
      const user = findUser(world, input);
      return user instanceof Response ? user : user.factors.map(oktaFactor);
    },
    listUserGroups: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      return user.groups.map((name) => ({
        id: oktaStyleId('00g', name),
        created: iso(user.createdAt),
        lastUpdated: iso(user.createdAt),
        lastMembershipUpdated: iso(user.createdAt),
        objectClass: ['okta:user_group'],
        type: name === 'Everyone' ? 'BUILT_IN' : 'OKTA_GROUP',
        profile: { name, description: `${name} (sandbox group)` },
      }));
    },
    listSystemLogEvents: ({ world, input }) => logEvents(world, input),
  },
});
