import { readFileSync } from 'node:fs';
import { ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { approvalRequestBlocks, approveActionId, denyActionId, parseApprovalAction } from './approval.js';

const envelopeText = readFileSync(
  new URL('./__fixtures__/socket-mode-block-actions-envelope.json', import.meta.url),
  'utf8',
);
const envelope = JSON.parse(envelopeText) as { payload: { actions: Record<string, unknown>[] } };

/** The recorded envelope with its clicked button replaced by one of ours. */
function clicked(actionId: string, value = 'approval-7f3c') {
  const copy = structuredClone(envelope);
  copy.payload.actions = [{ ...copy.payload.actions[0], action_id: actionId, value }];
  return copy;
}

describe('parseApprovalAction', () => {
  it('ignores the recorded click, which is not on an approval button', () => {
    expect(parseApprovalAction(envelope)).toBeUndefined();
  });

  it('reads the recorded Socket Mode envelope when its button is configured as an approval', () => {
    expect(parseApprovalAction(envelope, { approveActionIds: ['xsoar_dc_action'] })).toEqual({
      approvalId: 'b9a7d051-e00f-4b3a-85a2-5cdb6687f43a@11',
      decision: 'approved',
      by: 'U012A3CDE',
      username: 'spengler',
      teamId: 'T012AB3C4',
      channelId: 'C00AB000RDJ',
      messageTs: '1655533966.725679',
      actionTs: '1655533972.143417',
      responseUrl: 'https://hooks.slack.com/actions/T0250SBDX/3690025930500/j24V7a3zwGAKuXe1NPjkGDvC',
      envelopeId: '72ac90c6-75f3-4ab7-b156-16b89f6094db',
    });
  });

  it('reads approve and deny clicks on the buttons approvalRequestBlocks makes', () => {
    expect(parseApprovalAction(clicked(approveActionId))).toMatchObject({
      approvalId: 'approval-7f3c',
      decision: 'approved',
      by: 'U012A3CDE',
    });
    expect(parseApprovalAction(clicked(denyActionId))).toMatchObject({ decision: 'denied' });
  });

  it('takes the bare payload, as object or as the JSON text of an HTTP interactivity request', () => {
    const { payload } = clicked(denyActionId);
    expect(parseApprovalAction(payload)?.decision).toBe('denied');
    expect(parseApprovalAction(JSON.stringify(payload))?.envelopeId).toBeUndefined();
    expect(parseApprovalAction(JSON.stringify(payload))?.approvalId).toBe('approval-7f3c');
  });

  it('rejects what is not a block_actions interaction, naming the path', () => {
    const error = (() => {
      try {
        parseApprovalAction({ envelope_id: 'x', type: 'interactive', payload: { type: 'view_submission' } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('payload.type');
    expect(() => parseApprovalAction('not json')).toThrow(/not JSON/);
  });

  it('rejects an approval button without the approval id', () => {
    expect(() => parseApprovalAction(clicked(approveActionId, ''))).toThrow(/actions\[0\]\.value/);
  });
});

describe('approvalRequestBlocks', () => {
  it('lays out approve and deny buttons carrying the approval id, escaping mrkdwn', () => {
    const blocks = approvalRequestBlocks({
      approvalId: 'approval-7f3c',
      action: 'Suspend Okta user <j.doe@acme.example>',
      reason: 'Impossible travel & MFA fatigue',
    });
    expect(blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*Approval needed:* Suspend Okta user &lt;j.doe@acme.example&gt;\nImpossible travel &amp; MFA fatigue',
      },
    });
    const buttons = (blocks[1] as { elements: { action_id: string; value: string }[] }).elements;
    expect(buttons.map((button) => [button.action_id, button.value])).toEqual([
      [approveActionId, 'approval-7f3c'],
      [denyActionId, 'approval-7f3c'],
    ]);
  });
});
