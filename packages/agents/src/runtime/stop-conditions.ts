import type { Agent, ModelToolCall, RunState } from '@rampart/core';

/** What a stop condition sees after each step of an agent. */
export interface StopContext {
  state: RunState;
  agent: Agent;
  /** The calls handled in the step that just ended, in order. */
  toolCalls: readonly ModelToolCall[];
  /** Names of the calls of that step that ran (were not refused and did not fail). */
  succeeded: readonly string[];
}

/**
 * Ends an agent's run after a step when it returns true. The run also ends when the model answers without tool
 * calls, and fails with `MaxTurnsExceededError` when it reaches the agent's `maxSteps` without either.
 */
export type StopCondition = (context: StopContext) => boolean;

/** The agent has taken `count` model turns. */
export function isStepCount(count: number): StopCondition {
  return ({ state }) => state.step >= count;
}

/** A call of `name` ran in the step that just ended (a refused or failed call does not count). */
export function hasToolCall(name: string): StopCondition {
  return ({ succeeded }) => succeeded.includes(name);
}

/** The agent set the case verdict in the step that just ended. */
export function isVerdictSet(): StopCondition {
  return hasToolCall('setCaseVerdict');
}

/** The agent has made `count` tool calls. */
export function isToolCallCount(count: number): StopCondition {
  return ({ state }) => state.toolCalls >= count;
}

export function shouldStop(conditions: readonly StopCondition[], context: StopContext): boolean {
  return conditions.some((condition) => condition(context));
}
