import { ConflictError, NotFoundError } from '../errors.js';
import { type ExecutedAction, parseRunState, type RunState, withoutUnsetFields } from '../runs/run-state.js';
import {
  type ActionClaim,
  type ActionCompletion,
  type RunQuery,
  type RunStore,
  runQueryStatuses,
} from './run-store.js';

/**
 * A `RunStore` in process memory, for tests, the sandbox and single-process hosts. States are copied in and out
 * (`structuredClone`), so a caller changing a state it holds never changes the stored one.
 */
export class MemoryRunStore implements RunStore {
  readonly #runs = new Map<string, RunState>();
  /** `tenantId` → idempotency key → action, in claim order (a Map keeps insertion order). */
  readonly #actions = new Map<string, Map<string, ExecutedAction>>();

  async createRun(state: RunState): Promise<void> {
    const parsed = parseRunState(structuredClone(state));
    if (parsed.version !== 1) throw new ConflictError('Run', parsed.id, 1, parsed.version);
    const existing = this.#runs.get(parsed.id);
    if (existing !== undefined) throw new ConflictError('Run', parsed.id, 1, existing.version);
    this.#runs.set(parsed.id, parsed);
  }

  async saveRun(state: RunState): Promise<void> {
    const parsed = parseRunState(structuredClone(state));
    const existing = this.#runs.get(parsed.id);
    if (existing === undefined) throw new NotFoundError('Run', parsed.id);
    if (parsed.version !== existing.version + 1) {
      throw new ConflictError('Run', parsed.id, parsed.version - 1, existing.version);
    }
    this.#runs.set(parsed.id, parsed);
  }

  async getRun(runId: string): Promise<RunState | null> {
    const state = this.#runs.get(runId);
    return state === undefined ? null : structuredClone(state);
  }

  async findRunByApproval(approvalId: string): Promise<RunState | null> {
    for (const state of this.#runs.values()) {
      if (state.pending?.approvalId === approvalId) return structuredClone(state);
    }
    return null;
  }

  async listRuns(tenantId: string, query?: RunQuery): Promise<RunState[]> {
    const statuses = runQueryStatuses(query);
    return [...this.#runs.values()]
      .filter(
        (state) =>
          state.tenantId === tenantId &&
          (query?.caseId === undefined || state.caseId === query.caseId) &&
          (statuses === null || statuses.has(state.status)),
      )
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((state) => structuredClone(state));
  }

  #ledger(tenantId: string): Map<string, ExecutedAction> {
    let ledger = this.#actions.get(tenantId);
    if (ledger === undefined) {
      ledger = new Map();
      this.#actions.set(tenantId, ledger);
    }
    return ledger;
  }

  async claimAction(action: ExecutedAction): Promise<ActionClaim> {
    const ledger = this.#ledger(action.tenantId);
    const existing = ledger.get(action.idempotencyKey);
    if (existing !== undefined && existing.status !== 'failed') {
      return { claimed: false, existing: structuredClone(existing) };
    }
    const claimed: ExecutedAction = {
      ...structuredClone(action),
      status: 'started',
      attempts: (existing?.attempts ?? 0) + 1,
    };
    delete claimed.output;
    delete claimed.outputSummary;
    delete claimed.error;
    delete claimed.completedAt;
    ledger.set(action.idempotencyKey, claimed);
    return { claimed: true, action: structuredClone(claimed) };
  }

  async completeAction(
    tenantId: string,
    idempotencyKey: string,
    completion: ActionCompletion,
  ): Promise<ExecutedAction> {
    const ledger = this.#ledger(tenantId);
    const existing = ledger.get(idempotencyKey);
    if (existing === undefined) throw new NotFoundError('Action', idempotencyKey);
    const completed = withoutUnsetFields({ ...existing, ...structuredClone(completion) });
    ledger.set(idempotencyKey, completed);
    return structuredClone(completed);
  }

  async getAction(tenantId: string, idempotencyKey: string): Promise<ExecutedAction | null> {
    const action = this.#actions.get(tenantId)?.get(idempotencyKey);
    return action === undefined ? null : structuredClone(action);
  }

  async listActions(tenantId: string, caseId: string): Promise<ExecutedAction[]> {
    return [...(this.#actions.get(tenantId)?.values() ?? [])]
      .filter((action) => action.caseId === caseId)
      .map((action) => structuredClone(action));
  }
}
