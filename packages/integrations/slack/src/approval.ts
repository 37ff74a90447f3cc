import { parseOrThrow, ValidationError } from '@rampart/core/connector';
import { z } from 'zod';

/**
 * Slack-button approvals: `approvalRequestBlocks` lays out an approve/deny request for a pending tool call, and
 * `parseApprovalAction` reads the analyst's click back from the interaction Slack sends (a Socket Mode envelope,
 * or the `payload` of an HTTP interactivity request). Parsing does not authenticate: verify the request's Slack
 * signature (HTTP) or trust the Socket Mode connection before acting, and acknowledge `envelopeId`.
 */

export const approveActionId = 'rampart_approval_approve';
export const denyActionId = 'rampart_approval_deny';

export interface SlackApprovalAction {
  approvalId: string;
  decision: 'approved' | 'denied';
  /** Slack user id of the analyst who clicked (stable; names can change). */
  by: string;
  username?: string;
  teamId?: string;
  channelId?: string;
  /** ts of the message holding the buttons, to update it with the outcome. */
  messageTs?: string;
  actionTs?: string;
  /** Where to post the outcome back (valid for 30 minutes). */
  responseUrl?: string;
  /** Socket Mode: acknowledge this id. */
  envelopeId?: string;
}

export interface ParseApprovalOptions {
  /** action_ids that approve. Default: the button `approvalRequestBlocks` makes. */
  approveActionIds?: readonly string[];
  /** action_ids that deny. Default: the button `approvalRequestBlocks` makes. */
  denyActionIds?: readonly string[];
}

const BlockAction = z.looseObject({
  action_id: z.string(),
  type: z.string(),
  value: z.string().optional(),
  action_ts: z.string().optional(),
});

const BlockActionsPayload = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({
    id: z.string().min(1),
    username: z.string().optional(),
    name: z.string().optional(),
    team_id: z.string().optional(),
  }),
  team: z.looseObject({ id: z.string() }).nullish(),
  container: z.looseObject({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  actions: z.array(BlockAction),
  response_url: z.string().optional(),
});

const SocketModeEnvelope = z.looseObject({
  envelope_id: z.string(),
  type: z.literal('interactive'),
  payload: BlockActionsPayload,
});

/**
 * The approval decision in a Slack `block_actions` interaction, or `undefined` when the click was not on an
 * approval button. Accepts the Socket Mode envelope, the payload object, or the payload's JSON text.
 */
export function parseApprovalAction(
  interaction: unknown,
  options: ParseApprovalOptions = {},
): SlackApprovalAction | undefined {
  let value = interaction;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new ValidationError('Slack interaction', [{ path: '', message: 'is not JSON', code: 'invalid_json' }]);
    }
  }
  const isEnvelope = typeof value === 'object' && value !== null && 'envelope_id' in value;
  const envelope = isEnvelope ? parseOrThrow(SocketModeEnvelope, value, 'Slack Socket Mode envelope') : undefined;
  const payload = envelope?.payload ?? parseOrThrow(BlockActionsPayload, value, 'Slack block_actions payload');

  const approve = new Set(options.approveActionIds ?? [approveActionId]);
  const deny = new Set(options.denyActionIds ?? [denyActionId]);
  const index = payload.actions.findIndex((action) => approve.has(action.action_id) || deny.has(action.action_id));
  if (index === -1) return undefined;
  const action = payload.actions[index]!;
  if (!action.value) {
    throw new ValidationError('Slack block_actions payload', [
      { path: `actions[${index}].value`, message: 'an approval button must carry the approval id', code: 'missing' },
    ]);
  }
  const teamId = payload.team?.id ?? payload.user.team_id;
  const channelId = payload.container?.channel_id ?? payload.channel?.id;
  const username = payload.user.username ?? payload.user.name;
  return {
    approvalId: action.value,
    decision: approve.has(action.action_id) ? 'approved' : 'denied',
    by: payload.user.id,
    ...(username !== undefined ? { username } : {}),
    ...(teamId !== undefined ? { teamId } : {}),
    ...(channelId !== undefined ? { channelId } : {}),
    ...(payload.container?.message_ts !== undefined ? { messageTs: payload.container.message_ts } : {}),
    ...(action.action_ts !== undefined ? { actionTs: action.action_ts } : {}),
    ...(payload.response_url !== undefined ? { responseUrl: payload.response_url } : {}),
    ...(envelope !== undefined ? { envelopeId: envelope.envelope_id } : {}),
  };
}

/** Escapes the three characters Slack mrkdwn treats as control characters. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Block Kit blocks asking an analyst to approve or deny a pending action, with buttons `parseApprovalAction`
 * reads back. Post them with postMessage (its `text` is the notification fallback).
 */
export function approvalRequestBlocks(request: {
  approvalId: string;
  /** What will happen, e.g. "Suspend Okta user j.doe@acme.example". */
  action: string;
  /** Why the agent wants it, shown under the action. */
  reason?: string;
}): Record<string, unknown>[] {
  if (request.approvalId.length === 0 || request.approvalId.length > 2000) {
    throw new ValidationError('approval request', [
      { path: 'approvalId', message: 'must be 1 to 2000 characters (Slack button value)', code: 'too_big' },
    ]);
  }
  const text = `*Approval needed:* ${escapeMrkdwn(request.action)}${request.reason ? `\n${escapeMrkdwn(request.reason)}` : ''}`;
  return [
    { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } },
    {
      type: 'actions',
      block_id: 'rampart_approval',
      elements: [
        {
          type: 'button',
          action_id: approveActionId,
          style: 'primary',
          text: { type: 'plain_text', text: 'Approve' },
          value: request.approvalId,
        },
        {
          type: 'button',
          action_id: denyActionId,
          style: 'danger',
          text: { type: 'plain_text', text: 'Deny' },
          value: request.approvalId,
        },
      ],
    },
  ];
}
