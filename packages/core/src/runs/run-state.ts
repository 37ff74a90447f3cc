import { z } from 'zod';
import { RampartError } from '../errors.js';
import { ModelMessage, ModelToolCall } from '../models/model-adapter.js';
import { Risk } from '../tools/risk.js';
import { parseOrThrow } from '../validation.js';

/**
 * The saved state of an agent run: enough to resume it in another process after a pause for approval or a
 * crash. Saved states are data with a schema version; a state written by an older version of Rampart must still
 * load (`parseRunState` migrates it), and `__fixtures__/run-state-v*.json` prove that they do.
 */
export const runStateSchemaVersion = 1;

/**
 * `running`: being worked, or interrupted while it was (resume it); `paused`: waiting for an approval decision;
 * `completed`: every stage finished; `escalated`: handed to a human or queue; `failed`: the model failed.
 */
export const RunStatus = z.enum(['running', 'paused', 'completed', 'escalated', 'failed']);
export type RunStatus = z.infer<typeof RunStatus>;

/** The decision of one policy that did not simply allow, as recorded with a gate decision. */
export const RecordedPolicyResult = z.object({
  policyId: z.string(),
  version: z.number().int(),
  effect: z.enum(['require-approval', 'deny']),
  reason: z.string(),
  approverRole: z.string().optional(),
});

/** A tool call held for a human's decision. */
export const PendingApproval = z.object({
  approvalId: z.string().min(1),
  /** The call as the model made it. */
  toolCall: ModelToolCall,
  tool: z.string(),
  risk: Risk,
  /** Why approval is needed: the boundary's and every policy's reason. */
  reason: z.string(),
  approverRole: z.string().optional(),
  policies: z.array(RecordedPolicyResult),
  idempotencyKey: z.string().optional(),
  /** The agent that asked. */
  agent: z.string(),
  requestedAt: z.number().int().nonnegative(),
});
export type PendingApproval = z.infer<typeof PendingApproval>;

export const ApprovalDecisionRecord = z.object({
  approvalId: z.string().min(1),
  toolCallId: z.string().min(1),
  idempotencyKey: z.string().optional(),
  decision: z.enum(['approved', 'denied']),
  by: z.string().min(1),
  rationale: z.string().optional(),
  at: z.number().int().nonnegative(),
});
export type ApprovalDecisionRecord = z.infer<typeof ApprovalDecisionRecord>;

/** What one tool call of the run produced, kept so later stages (and a resumed run) reason over it. */
export const EvidenceRecord = z.object({
  toolCallId: z.string(),
  tool: z.string(),
  capabilities: z.array(z.string()),
  risk: Risk,
  input: z.unknown(),
  status: z.enum(['executed', 'failed', 'denied', 'pending-approval']),
  /** The tool's output (JSON), absent when it failed, was refused, or was too large to keep. */
  output: z.unknown().optional(),
  error: z.string().optional(),
  idempotencyKey: z.string().optional(),
  /** The connector the tool came from, when it came from one. */
  connectorId: z.string().optional(),
  stage: z.string(),
  agent: z.string(),
  at: z.number().int().nonnegative(),
});
export type EvidenceRecord = z.infer<typeof EvidenceRecord>;

export const RunState = z.object({
  schemaVersion: z.literal(runStateSchemaVersion),
  id: z.string().min(1),
  tenantId: z.string().min(1),
  caseId: z.string().min(1),
  status: RunStatus,
  /** The stage being worked (`triage`, `investigation:identity` ...), or the agent's name for a single-agent run. */
  stage: z.string().min(1),
  /** The agent working the stage. */
  agent: z.string().min(1),
  completedStages: z.array(z.string()),
  /** The current agent's conversation so far (system prompt, marked alert data, model turns, tool results). */
  messages: z.array(ModelMessage),
  /** Model turns the current agent has taken. */
  step: z.number().int().nonnegative(),
  /** Tool calls the current agent has made. */
  toolCalls: z.number().int().nonnegative(),
  /** Calls of the latest model turn not yet through the gate; a resumed run handles these first. */
  unprocessedCalls: z.array(ModelToolCall),
  pending: PendingApproval.nullable(),
  decisions: z.array(ApprovalDecisionRecord),
  /** Tools found with `searchTools` when the agent has too many to show at once. */
  disclosedTools: z.array(z.string()),
  evidence: z.array(EvidenceRecord),
  /** Calls refused (by the gate or an analyst) in the current stage: the `tool-denied` escalation fact. */
  stageDenials: z.number().int().nonnegative(),
  escalation: z.object({ reason: z.string(), to: z.string() }).nullable(),
  error: z.string().nullable(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  /** Incremented on every save; a store rejects a stale save with a `ConflictError`. */
  version: z.number().int().positive(),
});
export type RunState = z.infer<typeof RunState>;

/** A saved run state whose schema version this Rampart does not know (written by a newer one). */
export class UnsupportedRunStateError extends RampartError {
  override readonly name = 'UnsupportedRunStateError';
  constructor(readonly schemaVersion: unknown) {
    super(
      `Run state has schema version ${JSON.stringify(schemaVersion)}; this Rampart reads up to ${runStateSchemaVersion}`,
    );
  }
  static override isInstance(value: unknown): value is UnsupportedRunStateError {
    return RampartError.isInstance(value) && value.name === 'UnsupportedRunStateError';
  }
}

/**
 * Each entry upgrades a state of schema version `from` by one version. Empty while there is one version; the
 * fixtures test of every older version keeps the chain honest once there are more.
 */
const migrations: ReadonlyArray<{ from: number; up: (state: Record<string, unknown>) => Record<string, unknown> }> = [];

/** Parses a saved state of any known schema version, migrating it to the current one. */
export function parseRunState(value: unknown): RunState {
  let state = value as Record<string, unknown>;
  const version = state?.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > runStateSchemaVersion) {
    throw new UnsupportedRunStateError(version);
  }
  for (const migration of migrations) {
    if (state.schemaVersion === migration.from) state = migration.up(state);
  }
  return parseOrThrow(RunState, state, 'run state');
}

/**
 * One response action in the executed-actions ledger, keyed by its idempotency key within a tenant. A run
 * claims the key (`started`) before it calls the tool and completes it after, so a retried or resumed run finds
 * the action and does not act twice.
 */
export const ExecutedAction = z.object({
  tenantId: z.string().min(1),
  caseId: z.string().min(1),
  runId: z.string().min(1),
  idempotencyKey: z.string().min(1),
  tool: z.string().min(1),
  risk: Risk,
  input: z.unknown(),
  status: z.enum(['started', 'executed', 'failed']),
  output: z.unknown().optional(),
  outputSummary: z.string().optional(),
  error: z.string().optional(),
  /** How many times the action was claimed (a failed action may be claimed again). */
  attempts: z.number().int().positive(),
  startedAt: z.number().int().nonnegative(),
  completedAt: z.number().int().nonnegative().optional(),
});
export type ExecutedAction = z.infer<typeof ExecutedAction>;

/**
 * A ledger entry without its unset optional fields, as every store returns it: a claim clears the previous attempt's
 * outcome and a completion may leave fields out, and stores must not hand back `key: undefined` members.
 */
export function withoutUnsetFields(action: ExecutedAction): ExecutedAction {
  const copy = { ...action };
  for (const key of ['output', 'outputSummary', 'error', 'completedAt'] as const) {
    if (copy[key] === undefined) delete copy[key];
  }
  return copy;
}
