import type { PendingApprovalView } from '@rampart/agents';
import type { RegisteredTool } from '@rampart/agents';
import { type ActionMatcher, actionMatches, type Scenario, type World, type WorldAction } from '@rampart/sandbox';

export interface ApprovalChoice {
  approve: boolean;
  /** Why, in the scenario's words: shown to the person watching and recorded as the analyst's rationale. */
  reason: string;
}

function describeMatcher(matcher: ActionMatcher): string {
  const what = matcher.tool ?? matcher.capability ?? `any ${matcher.risk}+ action`;
  return matcher.target === undefined ? what : `${what} on ${matcher.target}`;
}

/**
 * What a scenario's ground truth says about a call waiting for approval: deny what it forbids, approve what it
 * requires, and otherwise approve, as the eval harness does, so the demo and `rampart eval` score the same runs.
 */
export function groundTruthChoice(
  scenario: Scenario,
  world: World,
  view: PendingApprovalView,
  tool: RegisteredTool | undefined,
): ApprovalChoice {
  const capabilities = [...(tool?.tool.capabilities ?? [])];
  const targets = world.resolveTargets(view.input);
  // The matchers read vendor calls; the call a human is asked about is described the same way, before it runs.
  const asked: WorldAction = {
    sequence: 0,
    connectorId: tool?.connectorId ?? '',
    tool: tool?.originalName ?? view.tool,
    risk: view.risk,
    capabilities,
    input: (typeof view.input === 'object' && view.input !== null ? view.input : {}) as Record<string, unknown>,
    targets,
    startedAt: view.requestedAt,
    completedAt: view.requestedAt,
    status: 0,
    outcome: 'succeeded',
  };
  const forbidden = scenario.forbiddenActions.find((matcher) => actionMatches(asked, matcher));
  if (forbidden !== undefined) {
    return { approve: false, reason: `the scenario forbids ${describeMatcher(forbidden)}` };
  }
  const required = [...scenario.approvalRequired, ...scenario.requiredActions].find(
    (item) => capabilities.includes(item.capability) && targets.includes(item.target),
  );
  if (required !== undefined) {
    return { approve: true, reason: `the scenario requires ${required.capability} on ${required.target}` };
  }
  return { approve: true, reason: 'the scenario does not forbid it' };
}
