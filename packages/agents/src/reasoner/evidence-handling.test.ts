import { type AnyTool, defineTool, describeTools } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type AlertSummary,
  type CaseContext,
  type ContextEvidence,
  caseContextMessage,
} from '../runtime/case-context.js';
import { setCaseVerdictTool } from '../runtime/case-tools.js';
import { factsOf } from './evidence-facts.js';
import { ruleBasedReasoner } from './rule-based-reasoner.js';

/** Tools shaped like the real connectors' (names, fields, patterns), answering nothing: the reasoner only plans. */
function vendorTool(
  name: string,
  input: z.ZodObject,
  risk: 'read' | 'contain' | 'destructive',
  capabilities: string[],
): AnyTool {
  return defineTool({
    name,
    description: `${name}, shaped like the vendor's own tool.`,
    input,
    output: z.unknown(),
    risk,
    idempotent: true,
    capabilities,
    execute: async () => ({}),
  }) as unknown as AnyTool;
}

const gmail = {
  trashMessagesMatching: vendorTool(
    'trashMessagesMatching',
    z.object({ userId: z.string().default('me'), query: z.string().min(3), maxMessages: z.number().int().default(50) }),
    'contain',
    ['message.purge'],
  ),
  deleteMessage: vendorTool('deleteMessage', z.object({ userId: z.string(), messageId: z.string() }), 'destructive', [
    'message.purge',
  ]),
  trashMessage: vendorTool('trashMessage', z.object({ userId: z.string(), messageId: z.string() }), 'contain', [
    'message.purge',
  ]),
};
const outlookDelete = vendorTool(
  'outlookDeleteMessage',
  z.object({ mailbox: z.string(), messageId: z.string() }),
  'contain',
  ['message.purge'],
);
const lookupHash = vendorTool(
  'lookupHash',
  z.object({ hash: z.string().regex(/^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64})$/) }),
  'read',
  ['hash.reputation'],
);
const lookupIp = vendorTool('lookupIp', z.object({ ip: z.string() }), 'read', ['ip.reputation']);
const suspendUser = vendorTool('suspendUser', z.object({ userId: z.string() }), 'contain', ['user.suspend']);
const clearSessions = vendorTool('clearUserSessions', z.object({ userId: z.string() }), 'contain', [
  'user.sessions.revoke',
]);

function alert(overrides: Partial<AlertSummary>): AlertSummary {
  return {
    id: 'alert-1',
    classUid: 2004,
    title: 'User reported phishing',
    types: ['Phish'],
    severityId: 3,
    product: 'Google Workspace Alert Center',
    techniques: [],
    observables: [
      { name: 'evidences.email.from', typeId: 5, value: 'accounts@partner-payments.example' },
      { name: 'evidences.email.to', typeId: 5, value: 'mia.chen@acme.example' },
    ],
    resources: [],
    identities: [],
    time: 0,
    ...overrides,
  };
}

function evidence(record: Partial<ContextEvidence> & Pick<ContextEvidence, 'tool' | 'capabilities'>): ContextEvidence {
  return { risk: 'read', input: {}, status: 'executed', stage: 'investigation:phishing', ...record };
}

const confirmedCase: CaseContext['case'] = {
  id: 'case-1',
  title: 'Reported phish',
  status: 'responding',
  severityId: 3,
  entities: [],
  verdict: { value: 'true_positive', confidence: 0.9, decidedBy: 'investigation-phishing' },
};
const openCase: CaseContext['case'] = { ...confirmedCase, status: 'investigating', verdict: null };

function plan(
  stage: { role: string; name: string },
  tools: Array<{ tool: AnyTool; connectorId?: string }>,
  overrides: Partial<CaseContext>,
) {
  const context: CaseContext = {
    rampartCaseContext: 1,
    stage: stage.name,
    agent: stage,
    case: confirmedCase,
    alerts: [alert({})],
    tools: tools.map(({ tool, connectorId }) => ({
      name: tool.name,
      risk: tool.risk,
      capabilities: [...tool.capabilities],
      ...(connectorId !== undefined && { connectorId }),
    })),
    caseTools: ['setCaseVerdict'],
    toolSearch: { enabled: false, searchedCapabilities: [] },
    evidence: [],
    ...overrides,
  };
  return ruleBasedReasoner().generate({
    messages: [{ role: 'system', content: 'x' }, caseContextMessage(context)],
    tools: describeTools([...tools.map(({ tool }) => tool), setCaseVerdictTool]),
  });
}

const respond = { role: 'response', name: 'response' };
const investigate = { role: 'investigation', name: 'investigation-phishing' };
const calls = async (answer: ReturnType<typeof plan>) =>
  (await answer).toolCalls.map((call) => [call.name, call.arguments]);

describe('the rule-based reasoner reads its evidence', () => {
  it('purges the message a Gmail search found by its Gmail id, with the tool that takes an id', async () => {
    const search = evidence({
      tool: 'searchMessages',
      capabilities: ['message.search'],
      connectorId: 'gmail',
      input: { userId: 'mia.chen@acme.example', q: 'accounts@partner-payments.example' },
      output: { messages: [{ id: '19a4c2e1b7d3f5a8', threadId: '19a4c2e1b7d3f5a8' }], resultSizeEstimate: 1 },
    });
    const answer = plan(
      respond,
      [
        { tool: gmail.trashMessagesMatching, connectorId: 'gmail' },
        { tool: gmail.deleteMessage, connectorId: 'gmail' },
        { tool: gmail.trashMessage, connectorId: 'gmail' },
      ],
      { evidence: [search] },
    );
    // Not `maxMessages` (a count whose name says "message"), not the destructive delete, not a search query.
    expect(await calls(answer)).toEqual([
      ['trashMessage', { messageId: '19a4c2e1b7d3f5a8', userId: 'mia.chen@acme.example' }],
    ]);
  });

  it('purges a message once, by the id of the provider whose search found it, not by its Message-ID too', async () => {
    const answer = plan(respond, [{ tool: outlookDelete, connectorId: 'microsoft-365-mail' }], {
      alerts: [
        alert({
          observables: [
            ...alert({}).observables,
            { name: 'unmapped.graph.message_id', typeId: 99, value: 'AAMkAGQ1ZTRm' },
          ],
        }),
      ],
      evidence: [
        evidence({
          tool: 'listMessages',
          capabilities: ['message.search'],
          connectorId: 'microsoft-365-mail',
          input: { mailbox: 'mia.chen@acme.example', search: 'accounts@partner-payments.example' },
          output: {
            value: [{ id: 'AAMkAGQ1ZTRm', internetMessageId: '<CAK9x2Lm7Qp3@mail.partner-payments.example>' }],
          },
        }),
      ],
    });
    expect(await calls(answer)).toEqual([
      ['outlookDeleteMessage', { messageId: 'AAMkAGQ1ZTRm', mailbox: 'mia.chen@acme.example' }],
    ]);
  });

  it('passes a file hash as the bare hex a lookup takes, not its canonical sha256: form', async () => {
    const answer = plan({ role: 'triage', name: 'triage' }, [{ tool: lookupHash }], {
      case: openCase,
      alerts: [
        alert({
          classUid: 2004,
          title: 'Malicious file',
          observables: [
            {
              name: 'file.hashes',
              typeId: 8,
              value: 'SHA256:BC39E1ACF0D704BC8CE7CF29707F368050EBA3C19349B914C261667C6E0E167A',
            },
          ],
        }),
      ],
    });
    expect(await calls(answer)).toEqual([
      ['lookupHash', { hash: 'bc39e1acf0d704bc8ce7cf29707f368050eba3c19349b914c261667c6e0e167a' }],
    ]);
  });

  it('looks up the public addresses the recipient signed in from, and never a private one', async () => {
    const signIns = evidence({
      tool: 'listSystemLogEvents',
      capabilities: ['user.sign-ins'],
      connectorId: 'okta',
      input: { q: 'mia.chen@acme.example' },
      output: [
        { client: { ipAddress: '10.1.2.3', geographicalContext: { country: 'United States' } } },
        { client: { ipAddress: '203.0.113.66', geographicalContext: { country: 'Netherlands' } } },
      ],
    });
    expect(factsOf({ evidence: [signIns] } as CaseContext).signIns).toEqual([
      { account: 'mia.chen@acme.example', ip: '10.1.2.3', country: 'united states', source: expect.any(Object) },
      { account: 'mia.chen@acme.example', ip: '203.0.113.66', country: 'netherlands', source: expect.any(Object) },
    ]);
    // A log queried with a filter expression names the account inside it.
    const filtered = { ...signIns, input: { filter: "userPrincipalName eq 'mia.chen@acme.example'" } };
    expect(factsOf({ evidence: [filtered] } as CaseContext).signIns.map((fact) => fact.account)).toEqual([
      'mia.chen@acme.example',
      'mia.chen@acme.example',
    ]);
    const answer = plan(investigate, [{ tool: lookupIp }], {
      case: openCase,
      evidence: [signIns],
    });
    expect(await calls(answer)).toEqual([['lookupIp', { ip: '203.0.113.66' }]]);
  });

  it('locks out a phishing recipient who signed in from a malicious address, before any identity alert', async () => {
    const withReputation = (verdict: string) => [
      evidence({
        tool: 'listSystemLogEvents',
        capabilities: ['user.sign-ins'],
        input: { q: 'mia.chen@acme.example' },
        output: [{ client: { ipAddress: '203.0.113.66' } }],
      }),
      evidence({
        tool: 'lookupIp',
        capabilities: ['ip.reputation'],
        input: { ip: '203.0.113.66' },
        output: { data: { attributes: { reputation: verdict } } },
      }),
    ];
    const tools = [{ tool: suspendUser }, { tool: clearSessions }];
    expect(await calls(plan(respond, tools, { evidence: withReputation('malicious') }))).toEqual([
      ['suspendUser', { userId: 'mia.chen@acme.example' }],
      ['clearUserSessions', { userId: 'mia.chen@acme.example' }],
    ]);
    // The same sign-in from a clean address is no reason to lock anyone out.
    expect(await calls(plan(respond, tools, { evidence: withReputation('harmless') }))).toEqual([]);
  });
});
