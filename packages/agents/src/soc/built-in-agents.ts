import { type Agent, type AnyTool, type Capability, defineAgent, type ToolSet, toolList } from '@rampart/core';
import type { CaseKind } from './case-kinds.js';

/**
 * Rampart's built-in SOC agents. Each is a function of the tools the SOC was given that returns one `defineAgent`
 * value, granting the tools by vendor-neutral capability, so the same agent works with Okta or Entra, Falcon or
 * Defender. Copy one, change what you like (instructions, capabilities, boundary, escalation) and pass yours to
 * `createSoc({ agents: { response: myResponseAgent } })`: a plain `Agent` works too.
 */
export type SocAgentFactory = (tools: ToolSet) => Agent;
export type SocAgentSource = Agent | SocAgentFactory;

export interface SocAgents {
  triage: SocAgentSource;
  /** One investigator per case kind; a case of several kinds is investigated by each of them, in turn. */
  investigation: Partial<Record<CaseKind, SocAgentSource>>;
  response: SocAgentSource;
  resolution: SocAgentSource;
}

/** The tools that declare any of `capabilities`, in the tool set's order. */
export function toolsWithAnyCapability(tools: ToolSet, capabilities: readonly Capability[]): AnyTool[] {
  return toolList(tools).filter((tool) => tool.capabilities.some((capability) => capabilities.includes(capability)));
}

/** The context graph's read-only tools (see `contextGraphTools`), when the SOC has a graph: every reader gets them. */
export const contextGraphToolNames = [
  'getEntityProfile',
  'getEntityNeighbourhood',
  'getEntityHistory',
  'getApplicablePolicies',
  'findPrecedents',
] as const;

function contextGraphToolsIn(tools: ToolSet): AnyTool[] {
  return contextGraphToolNames.flatMap((name) => {
    const tool = tools[name];
    return tool === undefined ? [] : [tool];
  });
}

const reputation: Capability[] = ['ip.reputation', 'domain.reputation', 'url.reputation', 'hash.reputation'];

export function triageAgent(tools: ToolSet): Agent {
  return defineAgent({
    name: 'triage',
    role: 'triage',
    instructions:
      'Triage the case. Enrich every entity (addresses, domains, URLs, file hashes, users, hosts) with one ' +
      'matching reputation or profile lookup, in parallel where you can. Then set a first verdict with a ' +
      'confidence that reflects the evidence, citing it in the rationale. Do not take any response action.',
    tools: [
      ...toolsWithAnyCapability(tools, [...reputation, 'user.profile', 'host.details', 'alerts.get']),
      ...contextGraphToolsIn(tools),
    ],
    data: {
      read: ['alerts', 'cases', 'entities', 'policies'],
      write: ['cases.verdict', 'cases.severity', 'cases.timeline'],
    },
    boundary: { autonomousUpTo: 'read', approvalUpTo: null, maxSteps: 6, maxToolCalls: 60 },
    escalation: { conditions: [{ when: 'limit-reached' }], target: { type: 'queue', id: 'soc-tier-1' } },
  });
}

function investigationAgent(
  kind: CaseKind,
  focus: string,
  capabilities: readonly Capability[],
): (tools: ToolSet) => Agent {
  return (tools) =>
    defineAgent({
      name: `investigation-${kind}`,
      role: 'investigation',
      instructions:
        `Investigate the ${kind} side of the case: ${focus} Gather what the triage evidence lacks, then set the ` +
        'verdict with a confidence and a rationale that cites the evidence. Take no response action yourself.',
      tools: [...toolsWithAnyCapability(tools, capabilities), ...contextGraphToolsIn(tools)],
      data: {
        read: ['alerts', 'cases', 'entities', 'precedents', 'policies'],
        write: ['cases.verdict', 'cases.severity', 'cases.timeline'],
      },
      boundary: { autonomousUpTo: 'read', approvalUpTo: null, maxSteps: 8, maxToolCalls: 80 },
      escalation: {
        conditions: [{ when: 'confidence-below', threshold: 0.6 }, { when: 'limit-reached' }],
        target: { type: 'queue', id: 'soc-tier-2' },
      },
    });
}

export const phishingInvestigationAgent = investigationAgent(
  'phishing',
  'who sent the message, who received and clicked it, what its links and attachments are, and whether the ' +
    'recipient’s account has since signed in from the attacker’s infrastructure (a clicked credential phish).',
  [
    'message.search',
    'message.get',
    'user.sign-ins',
    'url.reputation',
    'domain.reputation',
    'ip.reputation',
    'hash.reputation',
  ],
);

export const identityInvestigationAgent = investigationAgent(
  'identity',
  'the account’s recent sign-ins (MFA fatigue, impossible travel, new devices), its factors and its groups.',
  ['user.profile', 'user.groups', 'user.factors', 'user.sign-ins', 'ip.reputation'],
);

export const endpointInvestigationAgent = investigationAgent(
  'endpoint',
  'the host’s state, its processes and detections, and the reputation of the files and domains involved.',
  ['host.details', 'host.processes', 'hash.reputation', 'domain.reputation', 'url.reputation', 'ip.reputation'],
);

export const cloudInvestigationAgent = investigationAgent(
  'cloud',
  'the cloud key or identity involved, where it was used from, and the findings around it.',
  ['cloud.key.details', 'alerts.list', 'alerts.get', 'ip.reputation', 'user.profile'],
);

export function responseAgent(tools: ToolSet): Agent {
  return defineAgent({
    name: 'response',
    role: 'response',
    instructions:
      'Respond to a confirmed incident with the actions that match it: suspend the account and revoke its ' +
      'sessions for an account compromise, contain the host for malware, purge the message for a phishing mail, ' +
      'deactivate the key for leaked cloud credentials. Act only on the entities the evidence implicates; never ' +
      'act on a case whose verdict is not true_positive. Finish without tool calls when every action is taken.',
    tools: toolsWithAnyCapability(tools, [
      'user.suspend',
      'user.sessions.revoke',
      'user.factors.reset',
      'user.password.reset',
      'host.contain',
      'message.purge',
      'message.search',
      'cloud.key.deactivate',
      'indicator.block',
    ]),
    data: { read: ['alerts', 'cases', 'entities', 'policies'], write: ['cases.timeline'] },
    boundary: { autonomousUpTo: 'contain', approvalUpTo: 'destructive', maxSteps: 6, maxToolCalls: 40 },
    escalation: {
      conditions: [{ when: 'tool-denied' }, { when: 'limit-reached' }],
      target: { type: 'queue', id: 'incident-response' },
    },
  });
}

export function resolutionAgent(tools: ToolSet): Agent {
  return defineAgent({
    name: 'resolution',
    role: 'resolution',
    instructions:
      'Close the loop. For a true positive, open a ticket and post to the security channel what was found and ' +
      'what was done. Then resolve the case with a summary of the verdict, the evidence and the actions.',
    tools: toolsWithAnyCapability(tools, ['ticket.create', 'ticket.comment', 'chat.post', 'incident.create']),
    data: { read: ['alerts', 'cases', 'entities'], write: ['cases.status', 'cases.timeline'] },
    boundary: { autonomousUpTo: 'write', approvalUpTo: null, maxSteps: 4, maxToolCalls: 10 },
    escalation: { conditions: [{ when: 'limit-reached' }], target: { type: 'queue', id: 'soc-tier-1' } },
  });
}

/** The default agents of `createSoc`. */
export const builtInAgents: SocAgents = Object.freeze({
  triage: triageAgent,
  investigation: Object.freeze({
    phishing: phishingInvestigationAgent,
    identity: identityInvestigationAgent,
    endpoint: endpointInvestigationAgent,
    cloud: cloudInvestigationAgent,
  }),
  response: responseAgent,
  resolution: resolutionAgent,
});
