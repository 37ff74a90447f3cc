import { type PendingApproval, RampartError, type RunState } from '@rampart/core';

/**
 * The agent runtime's errors. Each carries what a host needs to act on it; those raised mid-run carry the saved
 * run state, so the run can be inspected or resumed (`createSoc().resume(state.id)`).
 */

/** The agent used its `boundary.maxSteps` model turns and still wanted to call tools. */
export class MaxTurnsExceededError extends RampartError {
  override readonly name = 'MaxTurnsExceededError';
  override readonly fault = 'server' as const;
  constructor(
    readonly agent: string,
    readonly maxSteps: number,
    readonly state: RunState,
  ) {
    super(`Agent ${agent} used its ${maxSteps} steps without finishing (run ${state.id})`);
  }
  static override isInstance(value: unknown): value is MaxTurnsExceededError {
    return RampartError.isInstance(value) && value.name === 'MaxTurnsExceededError';
  }
}

/**
 * The gate refused a call. The loop normally tells the model and goes on; with `onDenied: 'throw'` it throws this
 * instead. `code` says which check refused it (`unknown-tool`, `tool-not-granted`, `above-boundary`, `policy` ...).
 */
export class ToolCallDeniedError extends RampartError {
  override readonly name = 'ToolCallDeniedError';
  constructor(
    readonly tool: string,
    readonly code: string,
    readonly reason: string,
    readonly state?: RunState,
  ) {
    super(`Call of ${tool} refused (${code}): ${reason}`);
  }
  static override isInstance(value: unknown): value is ToolCallDeniedError {
    return RampartError.isInstance(value) && value.name === 'ToolCallDeniedError';
  }
}

/**
 * A call needs a human's approval. The run is saved paused either way; the loop returns a paused result, or with
 * `onApproval: 'throw'` throws this. Decide with `approve`/`deny` and the run resumes where it stopped.
 */
export class ApprovalRequiredError extends RampartError {
  override readonly name = 'ApprovalRequiredError';
  constructor(
    readonly approval: PendingApproval,
    readonly state: RunState,
  ) {
    super(`Call of ${approval.tool} needs approval ${approval.approvalId}: ${approval.reason}`);
  }
  static override isInstance(value: unknown): value is ApprovalRequiredError {
    return RampartError.isInstance(value) && value.name === 'ApprovalRequiredError';
  }
}

/** No run waits for this approval: the id is unknown, or the approval was already decided. */
export class ApprovalNotFoundError extends RampartError {
  override readonly name = 'ApprovalNotFoundError';
  constructor(readonly approvalId: string) {
    super(`No run is waiting for approval "${approvalId}" (unknown, or already decided)`);
  }
  static override isInstance(value: unknown): value is ApprovalNotFoundError {
    return RampartError.isInstance(value) && value.name === 'ApprovalNotFoundError';
  }
}

/**
 * A decision on an approval by someone without the role the pending action requires (a policy's `approverRole`).
 * Nothing is decided: the run stays paused for someone who has the role, and the refusal is in the audit log.
 */
export class ApproverRoleError extends RampartError {
  override readonly name = 'ApproverRoleError';
  constructor(
    readonly approvalId: string,
    readonly by: string,
    readonly requiredRole: string,
    readonly roles: readonly string[],
  ) {
    super(
      `${by} cannot decide approval "${approvalId}": it needs the role "${requiredRole}", and ${by} has ` +
        (roles.length === 0 ? 'no role' : `only ${roles.map((role) => `"${role}"`).join(', ')}`),
    );
  }
  static override isInstance(value: unknown): value is ApproverRoleError {
    return RampartError.isInstance(value) && value.name === 'ApproverRoleError';
  }
}

/** `resume` was asked for a run that cannot go on as it is (unknown, or paused for an approval). */
export class RunNotResumableError extends RampartError {
  override readonly name = 'RunNotResumableError';
  constructor(
    readonly runId: string,
    reason: string,
  ) {
    super(`Run "${runId}" cannot be resumed: ${reason}`);
  }
  static override isInstance(value: unknown): value is RunNotResumableError {
    return RampartError.isInstance(value) && value.name === 'RunNotResumableError';
  }
}

/** `createSoc` (or the tool registry) was given options it cannot work with. */
export class SocConfigurationError extends RampartError {
  override readonly name = 'SocConfigurationError';
  static override isInstance(value: unknown): value is SocConfigurationError {
    return RampartError.isInstance(value) && value.name === 'SocConfigurationError';
  }
}

/** Feedback was given on a case without an agent decision of that kind to review, or on a SOC without a graph. */
export class FeedbackTargetError extends RampartError {
  override readonly name = 'FeedbackTargetError';
  constructor(
    readonly caseId: string,
    reason: string,
  ) {
    super(`Cannot record feedback on case ${caseId}: ${reason}`);
  }
  static override isInstance(value: unknown): value is FeedbackTargetError {
    return RampartError.isInstance(value) && value.name === 'FeedbackTargetError';
  }
}
