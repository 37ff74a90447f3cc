import { odataPagination } from '@rampart/connector-kit';
import { defineTool, type ToolCallContext } from '@rampart/core/connector';
import { z } from 'zod';
import type { createMicrosoftEntraIdConnector } from '../generated/connector.js';
import { SignIn } from '../generated/schemas.js';

type EntraConnector = ReturnType<typeof createMicrosoftEntraIdConnector>;

const userField = z
  .string()
  .min(1)
  .describe("The user's object id (GUID) or userPrincipalName (e.g. adele@contoso.com).");

const AccountStateOutput = z.object({ userId: z.string(), accountEnabled: z.boolean() });

/** Each vendor call gets its own idempotency key, derived from the action's. */
function step(context: ToolCallContext, name: string): ToolCallContext {
  return context.idempotencyKey === undefined
    ? context
    : { ...context, idempotencyKey: `${context.idempotencyKey}:${name}` };
}

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An OData string literal: single quotes doubled. */
function odataString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export const ListUserSignInsInput = z.object({
  user: userField,
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only sign-ins at or after this time (ISO 8601), e.g. 2024-06-01T00:00:00Z.'),
  failedOnly: z.boolean().optional().describe('Only failed sign-ins (status errorCode other than 0).'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(50)
    .describe('Sign-ins returned at most, newest first. Default: 50.'),
});

export const ListUserSignInsOutput = z.object({
  signIns: z.array(SignIn),
  /** More sign-ins matched than `limit`. */
  truncated: z.boolean(),
});

/**
 * Curated SOC actions over a Microsoft Entra ID connector: one-way account switches on top of the generated
 * `setUserAccountEnabled` (Graph disables and enables with the same PATCH), containment in one call, and a user's
 * sign-ins without writing OData. Add them to the connector's tools or hand them to an agent.
 */
export function createMicrosoftEntraIdSocActions(entra: EntraConnector) {
  const suspendUser = defineTool({
    name: 'suspendUser',
    description:
      'Disables a Microsoft Entra ID account (accountEnabled false) so it can no longer sign in. Sessions it already ' +
      'holds stay valid until revoked: use containUser to do both. Reversible with enableUser.',
    input: z.object({ userId: userField }),
    output: AccountStateOutput,
    risk: 'contain',
    idempotent: true,
    scopes: ['User.EnableDisableAccount.All', 'User.Read.All'],
    capabilities: ['user.suspend'],
    async execute({ userId }, context) {
      await entra.tools.setUserAccountEnabled({ userId, accountEnabled: false }, context);
      return { userId, accountEnabled: false };
    },
  });

  const enableUser = defineTool({
    name: 'enableUser',
    description:
      'Re-enables a disabled Microsoft Entra ID account (accountEnabled true) so the user can sign in again. Use it to ' +
      'undo suspendUser once the account is safe.',
    input: z.object({ userId: userField }),
    output: AccountStateOutput,
    risk: 'write',
    idempotent: true,
    scopes: ['User.EnableDisableAccount.All', 'User.Read.All'],
    capabilities: ['user.unsuspend'],
    async execute({ userId }, context) {
      await entra.tools.setUserAccountEnabled({ userId, accountEnabled: true }, context);
      return { userId, accountEnabled: true };
    },
  });

  const containUser = defineTool({
    name: 'containUser',
    description:
      'Contains a compromised Microsoft Entra ID account in one step: disables it, then revokes every refresh token ' +
      'and session cookie so sessions already stolen stop working. Reversible with enableUser (sessions stay revoked).',
    input: z.object({ userId: userField }),
    output: z.object({ userId: z.string(), accountEnabled: z.literal(false), sessionsRevoked: z.boolean() }),
    risk: 'contain',
    idempotent: true,
    scopes: ['User.EnableDisableAccount.All', 'User.Read.All', 'User.RevokeSessions.All'],
    capabilities: ['user.suspend', 'user.sessions.revoke'],
    async execute({ userId }, context) {
      // Disable first: revoking sessions of an enabled account lets the attacker sign in again with the password.
      await entra.tools.setUserAccountEnabled({ userId, accountEnabled: false }, step(context, 'disable'));
      const revoked = await entra.tools.revokeSignInSessions({ userId }, step(context, 'revoke'));
      return { userId, accountEnabled: false as const, sessionsRevoked: revoked.value !== false };
    },
  });

  const listUserSignIns = defineTool({
    name: 'listUserSignIns',
    description:
      "Lists one Microsoft Entra ID user's recent sign-ins, newest first: app, IP address, location, device, result " +
      'and sign-in risk. Optionally only failures, or only since a time. Follows Graph paging up to `limit`.',
    input: ListUserSignInsInput,
    output: ListUserSignInsOutput,
    risk: 'read',
    idempotent: true,
    scopes: ['AuditLog.Read.All'],
    capabilities: ['user.sign-ins'],
    async execute({ user, since, failedOnly, limit }, context) {
      const clauses = [
        guidPattern.test(user) ? `userId eq ${odataString(user)}` : `userPrincipalName eq ${odataString(user)}`,
        ...(since !== undefined ? [`createdDateTime ge ${since}`] : []),
        ...(failedOnly ? ['status/errorCode ne 0'] : []),
      ];
      const signIns: z.input<typeof SignIn>[] = [];
      // Graph's @odata.nextLink carries the filter and page size; the kit follows it, host-checked and rate-limited.
      const pages = entra.paginate(
        'listSignIns',
        { filter: clauses.join(' and '), top: Math.min(limit, 1000) },
        { context, maxPages: Math.ceil(limit / 1000) + 1, pagination: odataPagination },
      );
      for await (const signIn of pages) {
        if (signIns.length === limit) return { signIns, truncated: true };
        signIns.push(signIn);
      }
      return { signIns, truncated: false };
    },
  });

  return { suspendUser, enableUser, containUser, listUserSignIns };
}
