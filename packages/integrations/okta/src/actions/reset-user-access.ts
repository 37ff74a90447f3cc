import { defineTool, type ToolCallContext } from '@rampart/core/connector';
import { z } from 'zod';
import type { createOktaConnector } from '../generated/connector.js';

type OktaConnector = ReturnType<typeof createOktaConnector>;

/** Each vendor call gets its own idempotency key, derived from the action's. */
function step(context: ToolCallContext, name: string): ToolCallContext {
  return context.idempotencyKey === undefined
    ? context
    : { ...context, idempotencyKey: `${context.idempotencyKey}:${name}` };
}

export const ResetUserAccessInput = z.object({
  userId: z.string().min(1).describe('ID, login (email) or login shortname of the Okta user whose access is reset.'),
});

export const ResetUserAccessOutput = z.object({
  /** The Okta user id the calls were made for. */
  userId: z.string(),
  login: z.string().optional(),
  sessionsCleared: z.boolean(),
  oauthTokensRevoked: z.boolean(),
  factorsReset: z.boolean(),
});

/**
 * `resetUserAccess`: the two calls that evict an attacker who holds a user's session or enrolled their own factor,
 * in the order that leaves no gap — end every session and revoke OAuth tokens first, then reset every MFA factor.
 * The sessions and factors endpoints take only the user id, so a login is resolved with `getUser` first. A failed
 * step stops the action; the error names the tool that failed.
 */
export function resetUserAccessTool(okta: OktaConnector) {
  return defineTool({
    name: 'resetUserAccess',
    description:
      'Evicts whoever is using an Okta account: ends every session, revokes its OAuth access and refresh tokens, ' +
      'then resets (unenrolls) every MFA factor so the user must enroll again. Use it when a session or a factor ' +
      "may be the attacker's (MFA fatigue, session theft). Factor resets cannot be undone: destructive.",
    input: ResetUserAccessInput,
    output: ResetUserAccessOutput,
    risk: 'destructive',
    idempotent: true,
    scopes: ['okta.users.read', 'okta.users.manage'],
    capabilities: ['user.sessions.revoke', 'user.factors.reset'],
    async execute(input, context) {
      const user = await okta.tools.getUser({ userId: input.userId }, step(context, 'user'));
      const userId = user.id;
      await okta.tools.clearUserSessions({ userId, oauthTokens: true }, step(context, 'sessions'));
      await okta.tools.resetUserFactors({ userId }, step(context, 'factors'));
      return {
        userId,
        ...(user.profile.login && { login: user.profile.login }),
        sessionsCleared: true,
        oauthTokensRevoked: true,
        factorsReset: true,
      };
    },
  });
}

/** Curated SOC actions over an Okta connector; add them to the connector's tools or hand them to an agent. */
export function createOktaSocActions(okta: OktaConnector) {
  return { resetUserAccess: resetUserAccessTool(okta) };
}
