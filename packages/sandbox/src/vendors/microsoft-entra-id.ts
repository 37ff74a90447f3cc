import {
  alertNormalizers,
  createMicrosoftEntraIdSocActions,
  microsoftEntraIdConnector,
} from '@rampart/connector-microsoft-entra-id';
import { microsoftEntraIdHandlers } from '@rampart/connector-microsoft-entra-id/testing';
import type { FactorState, SignInEvent, UserState, World } from '../world/world.js';
import { guid } from '../world/derived-ids.js';
import { sandboxDirectoryTenantId } from './bind-vendor.js';
import { equalityConditions, iso, listOf, noContent, text, vendorError } from './responses.js';
import { defineVendorBinding } from './vendor-binding.js';

const graph = 'https://graph.microsoft.com/v1.0';

function notFound(reference: string): Response {
  return vendorError(404, {
    error: {
      code: 'Request_ResourceNotFound',
      message: `Resource '${reference}' does not exist or one of its queried reference-property objects are not present.`,
    },
  });
}

function graphUser(user: UserState) {
  const [givenName, ...rest] = user.name.split(' ');
  return {
    '@odata.context': `${graph}/$metadata#users/$entity`,
    id: user.objectId,
    displayName: user.name,
    givenName: givenName ?? user.name,
    surname: rest.join(' '),
    userPrincipalName: user.email,
    mail: user.email,
    accountEnabled: user.status === 'active',
    userType: 'Member',
    jobTitle: user.title ?? null,
    department: user.department ?? null,
    city: user.city ?? null,
    country: user.country ?? null,
    createdDateTime: iso(user.createdAt),
  };
}

const methodTypes: Record<FactorState['type'], string> = {
  push: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  totp: '#microsoft.graph.softwareOathAuthenticationMethod',
  sms: '#microsoft.graph.phoneAuthenticationMethod',
  call: '#microsoft.graph.phoneAuthenticationMethod',
  webauthn: '#microsoft.graph.fido2AuthenticationMethod',
  email: '#microsoft.graph.emailAuthenticationMethod',
  security_question: '#microsoft.graph.passwordAuthenticationMethod',
};

const failures: Record<SignInEvent['result'], { errorCode: number; failureReason: string | null }> = {
  success: { errorCode: 0, failureReason: null },
  failure: { errorCode: 50126, failureReason: 'Error validating credentials due to invalid username or password.' },
  denied: { errorCode: 500121, failureReason: 'Authentication failed during strong authentication request.' },
};

function signIn(user: UserState, event: SignInEvent) {
  return {
    id: event.id,
    createdDateTime: iso(event.at),
    userId: user.objectId,
    userDisplayName: user.name,
    userPrincipalName: user.email,
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress: event.ip,
    clientAppUsed: 'Browser',
    isInteractive: true,
    conditionalAccessStatus: event.result === 'success' ? 'success' : 'failure',
    location: { city: event.city ?? null, state: null, countryOrRegion: event.country ?? null },
    status: { ...failures[event.result], additionalDetails: event.reason ?? null },
    riskLevelDuringSignIn: event.result === 'denied' ? 'medium' : 'none',
    riskState: event.result === 'denied' ? 'atRisk' : 'none',
  };
}

function findUser(world: World, input: Record<string, unknown>): UserState | Response {
  const reference = text(input, 'userId') ?? '';
  return world.findUser(reference) ?? notFound(reference);
}

/** Users at risk: any refused MFA or sign-in in their log. */
function riskyUsers(world: World, at: number) {
  return world.users
    .filter((user) => user.signIns.some((event) => event.result === 'denied'))
    .map((user) => ({
      id: user.objectId,
      userPrincipalName: user.email,
      userDisplayName: user.name,
      isDeleted: false,
      isProcessing: false,
      riskLevel: 'medium',
      riskState: user.status === 'active' ? 'atRisk' : 'remediated',
      riskDetail: 'none',
      riskLastUpdatedDateTime: iso(at),
    }));
}

/** Microsoft Entra ID: users, sign-in logs, risky users, account enablement and sessions (Microsoft Graph). */
export const microsoftEntraIdVendor = defineVendorBinding({
  id: 'microsoft-entra-id',
  definition: microsoftEntraIdConnector,
  latencyMs: 250,
  credentials: {
    type: 'oauth2ClientCredentials',
    clientId: 'sandbox-entra-client',
    clientSecret: 'sandbox-entra-secret',
    tokenUrlVariables: { tenantId: sandboxDirectoryTenantId },
  },
  fallbackHandlers: () => microsoftEntraIdHandlers(),
  alertNormalizers,
  socTools: (connector) => createMicrosoftEntraIdSocActions(connector),
  classify: {
    setUserAccountEnabled: (input) =>
      input.accountEnabled === true
        ? { capabilities: ['user.unsuspend'], risk: 'write' }
        : { capabilities: ['user.suspend'], risk: 'contain' },
  },
  responders: {
    getUser: ({ world, input }) => {
      const user = findUser(world, input);
      return user instanceof Response ? user : graphUser(user);
    },
    listSignIns: ({ world, input }) => {
      const conditions = equalityConditions(text(input, 'filter'));
      const events = world.users
        .flatMap((user) => user.signIns.map((event) => signIn(user, event)))
        .filter((event) =>
          conditions.every(({ field, value }) => {
            const found = (event as Record<string, unknown>)[field];
            return found === undefined || String(found).toLowerCase() === value.toLowerCase();
          }),
        )
        .sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
      return { '@odata.context': `${graph}/$metadata#auditLogs/signIns`, value: events };
    },
    listRiskyUsers: ({ world, at }) => ({
      '@odata.context': `${graph}/$metadata#identityProtection/riskyUsers`,
      value: riskyUsers(world, at),
    }),
    listRiskDetections: ({ world }) => ({
      '@odata.context': `${graph}/$metadata#identityProtection/riskDetections`,
      value: world.users.flatMap((user) =>
        user.signIns
          .filter((event) => event.result === 'denied')
          .map((event) => ({
            id: guid(`risk-detection:${event.id}`),
            riskEventType: event.kind === 'mfa-push' ? 'mfaFraud' : 'unfamiliarFeatures',
            riskLevel: 'medium',
            riskState: 'atRisk',
            riskDetail: 'none',
            source: 'IdentityProtection',
            detectionTimingType: 'realtime',
            activity: 'signin',
            ipAddress: event.ip,
            location: { city: event.city ?? null, state: null, countryOrRegion: event.country ?? null },
            activityDateTime: iso(event.at),
            detectedDateTime: iso(event.at),
            lastUpdatedDateTime: iso(event.at),
            userId: user.objectId,
            userDisplayName: user.name,
            userPrincipalName: user.email,
          })),
      ),
    }),
    confirmUserCompromised: ({ world, input }) => {
      const missing = listOf(input.userIds).find((id) => world.findUser(id) === undefined);
      return missing === undefined ? noContent() : notFound(missing);
    },
    dismissRiskyUser: ({ world, input }) => {
      const missing = listOf(input.userIds).find((id) => world.findUser(id) === undefined);
      return missing === undefined ? noContent() : notFound(missing);
    },
    setUserAccountEnabled: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      if (input.accountEnabled === false) world.setUserStatus(user, 'suspended');
      else if (user.status === 'suspended') world.setUserStatus(user, 'active');
      return noContent();
    },
    revokeSignInSessions: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      world.revokeSessions(user);
      return { '@odata.context': `${graph}/$metadata#Edm.Boolean`, value: true };
    },
    listUserAuthenticationMethods: ({ world, input }) => {
      const user = findUser(world, input);
      if (user instanceof Response) return user;
      return {
        '@odata.context': `${graph}/$metadata#users('${user.objectId}')/authentication/methods`,
        value: [
          { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: guid(`password:${user.email}`) },
          ...user.factors.map((factor) => ({
            '@odata.type': methodTypes[factor.type],
            id: guid(`method:${factor.id}`),
            displayName: factor.device ?? null,
            createdDateTime: iso(factor.enrolledAt),
          })),
        ],
      };
    },
  },
});
