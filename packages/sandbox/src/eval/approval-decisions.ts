import type { Risk } from '@rampart/core';
import type { ActionMatcher, Scenario } from '../scenario/scenario.js';
import { actionMatches } from './score.js';
import type { World, WorldAction } from '../world/world.js';

/** A call the SOC paused for a human, as the simulated analyst is shown it. */
export interface ApprovalRequest {
  scenario: Scenario;
  world: World;
  approvalId: string;
  caseId: string;
  /** The tool as the SOC named it (may be namespaced, e.g. `okta_suspendUser`). */
  tool: string;
  risk: Risk;
  input: unknown;
  reason: string;
  /** The role the pending action requires, when a policy names one. */
  approverRole?: string;
  requestedAt: number;
  /**
   * The call described as the vendor call it would be (connector, the tool's own name, capabilities, the world
   * entities its input names), so the scenario's action matchers read it like any executed action.
   */
  action: WorldAction;
}

export interface ApprovalChoice {
  approve: boolean;
  /** Why, in the scenario's words: shown to the person watching and recorded as the analyst's rationale. */
  reason: string;
}

/** Decides one approval request: the simulated analyst. */
export type ApprovalDecider = (request: ApprovalRequest) => ApprovalChoice | Promise<ApprovalChoice>;

function describeMatcher(matcher: ActionMatcher): string {
  const what = matcher.tool ?? matcher.capability ?? `any ${matcher.risk}+ action`;
  return matcher.target === undefined ? what : `${what} on ${matcher.target}`;
}

/**
 * The analyst a scenario's ground truth describes: denies what the scenario forbids, approves what it requires
 * (or says must wait for approval), and approves anything else. `rampart demo` and `rampart eval` both use it, so
 * they score the same runs.
 */
export const groundTruthApprovals: ApprovalDecider = ({ scenario, action }) => {
  const forbidden = scenario.forbiddenActions.find((matcher) => actionMatches(action, matcher));
  if (forbidden !== undefined) return { approve: false, reason: `the scenario forbids ${describeMatcher(forbidden)}` };
  const required = [...scenario.approvalRequired, ...scenario.requiredActions].find(
    (item) => action.capabilities.includes(item.capability) && action.targets.includes(item.target),
  );
  if (required !== undefined) {
    return { approve: true, reason: `the scenario requires ${required.capability} on ${required.target}` };
  }
  return { approve: true, reason: 'the scenario does not forbid it' };
};

/** The same answer for every request. */
export function constantApprovals(approve: boolean): ApprovalDecider {
  const reason = approve ? 'Approved by the eval harness' : 'Denied by the eval harness';
  return () => ({ approve, reason });
}
