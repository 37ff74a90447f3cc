import type { ExecutedAction, RunState, RunStatus } from '../runs/run-state.js';

export interface RunQuery {
  caseId?: string;
  /** One status or any of several. */
  status?: RunStatus | readonly RunStatus[];
}

/** What `claimAction` found. */
export type ActionClaim = { claimed: true; action: ExecutedAction } | { claimed: false; existing: ExecutedAction };

/** How an action ended, written by `completeAction`. */
export interface ActionCompletion {
  status: 'executed' | 'failed';
  output?: unknown;
  outputSummary?: string;
  error?: string;
  completedAt: number;
}

/**
 * Where paused and running agent runs are saved, with the executed-actions ledger that keeps a retried or
 * resumed run from acting twice. `runStoreConformance` in `@rampart/core/testing` is the executable form of this
 * contract.
 *
 * Run and approval ids are globally unique (they come from the host's `IdSource`), so `getRun` and
 * `findRunByApproval` need no tenant; everything else is scoped to one tenant. States returned are snapshots the
 * caller must treat as read-only.
 */
export interface RunStore {
  /** Saves a new run; its `version` must be 1. A run with the same id throws `ConflictError`. */
  createRun(state: RunState): Promise<void>;
  /**
   * Replaces a run. Optimistic concurrency: `state.version` must be the stored version plus one, else
   * `ConflictError` (another process saved first); an unknown run throws `NotFoundError`.
   */
  saveRun(state: RunState): Promise<void>;
  getRun(runId: string): Promise<RunState | null>;
  /** The run whose `pending` approval has this id, or `null` (none, or already decided). */
  findRunByApproval(approvalId: string): Promise<RunState | null>;
  /** One tenant's runs, oldest first (`createdAt`, then `id`). */
  listRuns(tenantId: string, query?: RunQuery): Promise<RunState[]>;

  /**
   * Claims an action's key before the tool runs. Atomic: of two claims of one key only one succeeds. Succeeds
   * when the key is new (the action is stored as given, `started`) or when the stored action `failed` (it is
   * replaced, with `attempts` one higher); otherwise returns the stored action unchanged.
   */
  claimAction(action: ExecutedAction): Promise<ActionClaim>;
  /** Records how a claimed action ended and returns it. An unknown key throws `NotFoundError`. */
  completeAction(tenantId: string, idempotencyKey: string, completion: ActionCompletion): Promise<ExecutedAction>;
  getAction(tenantId: string, idempotencyKey: string): Promise<ExecutedAction | null>;
  /** One case's actions in the order they were first claimed. */
  listActions(tenantId: string, caseId: string): Promise<ExecutedAction[]>;
}

/** The statuses a query admits, or `null` for all. */
export function runQueryStatuses(query: RunQuery | undefined): ReadonlySet<RunStatus> | null {
  if (query?.status === undefined) return null;
  return new Set<RunStatus>(typeof query.status === 'string' ? [query.status] : query.status);
}
