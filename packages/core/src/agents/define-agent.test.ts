import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { defineTool } from '../tools/define-tool.js';
import { type Risk, riskLevels } from '../tools/risk.js';
import { type AgentSpec, boundaryDecision, canRead, canWrite, defineAgent } from './define-agent.js';

const tool = (name: string, risk: Risk) =>
  defineTool({
    name,
    description: `The ${name} tool, for agent tests.`,
    input: z.object({}),
    output: z.object({}),
    risk,
    idempotent: true,
    execute: async () => ({}),
  });

const searchAlerts = tool('searchAlerts', 'read');
const addComment = tool('addComment', 'write');
const containHost = tool('containHost', 'contain');
const wipeHost = tool('wipeHost', 'destructive');

const triageSpec: AgentSpec = {
  name: 'triage',
  role: 'triage',
  instructions: 'Triage new cases: gather context, set a verdict with confidence, escalate when unsure.',
  tools: [searchAlerts, addComment, containHost, wipeHost, 'lookupUser'],
  data: { read: ['alerts', 'cases', 'entities'], write: ['cases.verdict', 'cases.timeline'] },
  boundary: { autonomousUpTo: 'write', approvalUpTo: 'contain', maxSteps: 12, maxToolCalls: 30 },
  escalation: {
    conditions: [
      { when: 'confidence-below', threshold: 0.7 },
      { when: 'severity-at-least', severityId: 5 },
      { when: 'tool-denied' },
    ],
    target: { type: 'queue', id: 'tier-2' },
  },
};

function issuesOf(spec: unknown): Array<{ path: string; message: string }> {
  try {
    defineAgent(spec as AgentSpec);
  } catch (error) {
    if (ValidationError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('defineAgent', () => {
  it('returns a validated, frozen agent with tool names and definitions', () => {
    const agent = defineAgent(triageSpec);
    expect(agent.name).toBe('triage');
    expect(agent.tools).toEqual(['searchAlerts', 'addComment', 'containHost', 'wipeHost', 'lookupUser']);
    expect(Object.keys(agent.toolDefinitions)).toEqual(['searchAlerts', 'addComment', 'containHost', 'wipeHost']);
    expect(agent.toolDefinitions.containHost).toBe(containHost);
    expect(agent.boundary).toEqual({
      autonomousUpTo: 'write',
      approvalUpTo: 'contain',
      forbiddenTools: [],
      maxSteps: 12,
      maxToolCalls: 30,
    });
    for (const part of [agent, agent.tools, agent.toolDefinitions, agent.data, agent.data.read, agent.boundary]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(Object.isFrozen(agent.escalation.conditions[0])).toBe(true);
    expect(() => {
      (agent.boundary as { autonomousUpTo: string }).autonomousUpTo = 'destructive';
    }).toThrow(TypeError);
  });

  it('does not share arrays with the spec', () => {
    const tools = ['lookupUser'];
    const agent = defineAgent({ ...triageSpec, tools });
    tools.push('wipeHost');
    expect(agent.tools).toEqual(['lookupUser']);
  });

  it('fills defaults: no writes, no forbidden tools', () => {
    const agent = defineAgent({
      ...triageSpec,
      data: { read: ['alerts'] },
      boundary: { autonomousUpTo: 'read', approvalUpTo: null, maxSteps: 5 },
    });
    expect(agent.data.write).toEqual([]);
    expect(agent.boundary.forbiddenTools).toEqual([]);
    expect(agent.boundary.maxToolCalls).toBeUndefined();
  });

  it('names every bad path in one ValidationError', () => {
    const issues = issuesOf({
      ...triageSpec,
      name: '9lives',
      role: 'hunter',
      instructions: ' ',
      tools: ['ok', 'not a name', 42],
      boundary: { autonomousUpTo: 'contain', approvalUpTo: 'write', maxSteps: 0 },
      escalation: { conditions: [{ when: 'confidence-below', threshold: 1.5 }], target: { type: 'queue', id: '' } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        'name',
        'role',
        'instructions',
        'tools[1]',
        'tools[2]',
        'boundary.maxSteps',
        'escalation.conditions[0].threshold',
        'escalation.target.id',
      ]),
    );
  });

  it('rejects an approval ceiling below the autonomy ceiling', () => {
    expect(
      issuesOf({ ...triageSpec, boundary: { autonomousUpTo: 'contain', approvalUpTo: 'write', maxSteps: 3 } }),
    ).toEqual([expect.objectContaining({ path: 'boundary.approvalUpTo', message: expect.stringMatching(/below/) })]);
  });

  it('rejects unknown keys, so a typo never silently drops a limit', () => {
    expect(
      issuesOf({
        ...triageSpec,
        boundary: { autonomousUpTo: 'read', approvalUpTo: null, maxSteps: 3, maxToolCall: 5 },
      }).map((issue) => issue.path),
    ).toEqual(['boundary']);
    expect(issuesOf({ ...triageSpec, extra: true }).map((issue) => issue.path)).toEqual(['']);
  });

  it('rejects duplicate tools, naming the first occurrence', () => {
    expect(issuesOf({ ...triageSpec, tools: [searchAlerts, 'addComment', 'searchAlerts'] })).toEqual([
      expect.objectContaining({ path: 'tools[2]', message: expect.stringMatching(/tools\[0\]/) }),
    ]);
  });

  it('requires read access to what an agent writes', () => {
    expect(issuesOf({ ...triageSpec, data: { read: ['alerts'], write: ['cases.verdict', 'graph.facts'] } })).toEqual([
      expect.objectContaining({ path: 'data.write[0]', message: expect.stringMatching(/"cases" in data\.read/) }),
      expect.objectContaining({ path: 'data.write[1]', message: expect.stringMatching(/"graph" in data\.read/) }),
    ]);
    expect(issuesOf({ ...triageSpec, data: { read: ['alerts', 'email'] } })[0]!.path).toBe('data.read[1]');
  });

  it('validates escalation conditions and target', () => {
    const escalation = (conditions: unknown[], target: unknown = { type: 'analyst', id: 'soc-lead' }) =>
      issuesOf({ ...triageSpec, escalation: { conditions, target } });
    expect(escalation([])[0]!.path).toBe('escalation.conditions');
    expect(escalation([{ when: 'moon-phase' }])[0]!.path).toBe('escalation.conditions[0].when');
    expect(escalation([{ when: 'severity-at-least', severityId: 9 }])[0]!.path).toBe(
      'escalation.conditions[0].severityId',
    );
    expect(escalation([{ when: 'verdict-is', verdicts: [] }])[0]!.path).toBe('escalation.conditions[0].verdicts');
    expect(escalation([{ when: 'tool-denied' }, { when: 'tool-denied' }])[0]!.path).toBe('escalation.conditions[1]');
    expect(escalation([{ when: 'tool-denied' }], { type: 'agent', id: 'triage' })[0]).toMatchObject({
      path: 'escalation.target.id',
      message: expect.stringMatching(/itself/),
    });
  });

  it('names the agent in the error subject', () => {
    expect(() => defineAgent({ ...triageSpec, role: 'x' as 'triage' })).toThrow(/Invalid agent triage: role/);
    expect(() => defineAgent(null as unknown as AgentSpec)).toThrow(/Invalid agent:/);
  });

  it('answers data access questions', () => {
    const agent = defineAgent(triageSpec);
    expect(canRead(agent, 'cases')).toBe(true);
    expect(canRead(agent, 'audit')).toBe(false);
    expect(canWrite(agent, 'cases.verdict')).toBe(true);
    expect(canWrite(agent, 'cases.status')).toBe(false);
  });
});

describe('boundaryDecision', () => {
  const agent = defineAgent(triageSpec);

  it('allows risks up to autonomousUpTo', () => {
    expect(boundaryDecision(agent, searchAlerts)).toMatchObject({ decision: 'allow', code: 'within-autonomy' });
    expect(boundaryDecision(agent, addComment)).toMatchObject({ decision: 'allow', code: 'within-autonomy' });
  });

  it('asks for approval above autonomy and up to approvalUpTo', () => {
    const decision = boundaryDecision(agent, containHost);
    expect(decision).toMatchObject({ decision: 'needs-approval', code: 'within-approval' });
    expect(decision.reason).toMatch(/contain.*approval/);
  });

  it('refuses risks above approvalUpTo', () => {
    expect(boundaryDecision(agent, wipeHost)).toMatchObject({ decision: 'refuse', code: 'above-boundary' });
  });

  it('refuses a tool not in the agent set, whatever its risk', () => {
    for (const risk of riskLevels) {
      expect(boundaryDecision(agent, tool('resetPassword', risk))).toMatchObject({
        decision: 'refuse',
        code: 'tool-not-granted',
        reason: expect.stringMatching(/resetPassword/),
      });
    }
  });

  it('accepts a name and risk for tools granted by name', () => {
    expect(boundaryDecision(agent, { name: 'lookupUser', risk: 'read' })).toMatchObject({ decision: 'allow' });
    expect(boundaryDecision(agent, { name: 'lookupUser', risk: 'contain' })).toMatchObject({
      decision: 'needs-approval',
    });
  });

  it('refuses forbidden tools even within the risk limits', () => {
    const restricted = defineAgent({
      ...triageSpec,
      boundary: { ...triageSpec.boundary, forbiddenTools: ['addComment'] },
    });
    expect(boundaryDecision(restricted, addComment)).toMatchObject({ decision: 'refuse', code: 'tool-forbidden' });
    expect(boundaryDecision(restricted, searchAlerts)).toMatchObject({ decision: 'allow' });
  });

  it('refuses a call whose risk differs from the declared tool (a model cannot relabel a tool)', () => {
    expect(boundaryDecision(agent, { name: 'wipeHost', risk: 'read' })).toMatchObject({
      decision: 'refuse',
      code: 'risk-mismatch',
    });
  });

  it('refuses unknown risks', () => {
    expect(boundaryDecision(agent, { name: 'lookupUser', risk: 'harmless' as Risk })).toMatchObject({
      decision: 'refuse',
      code: 'invalid-risk',
    });
  });

  it('refuses once the step or tool-call limit is used', () => {
    expect(boundaryDecision(agent, searchAlerts, { steps: 12, toolCalls: 29 })).toMatchObject({ decision: 'allow' });
    expect(boundaryDecision(agent, searchAlerts, { steps: 13 })).toMatchObject({
      decision: 'refuse',
      code: 'step-limit',
    });
    expect(boundaryDecision(agent, searchAlerts, { toolCalls: 30 })).toMatchObject({
      decision: 'refuse',
      code: 'tool-call-limit',
    });
  });

  it('with no approvals, refuses everything above autonomy', () => {
    const alone = defineAgent({ ...triageSpec, boundary: { autonomousUpTo: 'read', approvalUpTo: null, maxSteps: 5 } });
    expect(boundaryDecision(alone, searchAlerts).decision).toBe('allow');
    expect(boundaryDecision(alone, addComment)).toMatchObject({ decision: 'refuse', code: 'above-boundary' });
    expect(boundaryDecision(alone, containHost).decision).toBe('refuse');
  });

  it('matches the boundary table for every combination of ceilings and risks', () => {
    for (const autonomousUpTo of riskLevels) {
      for (const approvalUpTo of [null, ...riskLevels]) {
        if (approvalUpTo !== null && riskLevels.indexOf(approvalUpTo) < riskLevels.indexOf(autonomousUpTo)) continue;
        const configured = defineAgent({ ...triageSpec, boundary: { autonomousUpTo, approvalUpTo, maxSteps: 5 } });
        for (const risk of riskLevels) {
          const rank = riskLevels.indexOf(risk);
          const expected =
            rank <= riskLevels.indexOf(autonomousUpTo)
              ? 'allow'
              : approvalUpTo !== null && rank <= riskLevels.indexOf(approvalUpTo)
                ? 'needs-approval'
                : 'refuse';
          expect(
            boundaryDecision(configured, { name: 'lookupUser', risk }).decision,
            `${autonomousUpTo}/${approvalUpTo}/${risk}`,
          ).toBe(expected);
        }
      }
    }
  });
});
