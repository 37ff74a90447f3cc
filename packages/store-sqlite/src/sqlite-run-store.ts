import {
  type ActionClaim,
  type ActionCompletion,
  ConflictError,
  type ExecutedAction,
  NotFoundError,
  parseRunState,
  type RunQuery,
  type RunState,
  type RunStore,
  runQueryStatuses,
  withoutUnsetFields,
} from '@rampart/core';
import type { Statement } from 'better-sqlite3';
import { type Migration, migrate, openDatabase, type SqliteDatabase } from './database.js';

/**
 * Schema of the `runs` component. A run row holds the state's JSON plus the columns lookups filter on (case,
 * status, pending approval); the ledger keeps one row per tenant and idempotency key, in claim order.
 */
export const runMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'agent runs and the executed-actions ledger',
    up: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        status TEXT NOT NULL,
        approval_id TEXT,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL,
        state TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX runs_by_tenant ON runs (tenant_id, created_at, id);
      CREATE INDEX runs_by_case ON runs (tenant_id, case_id, created_at, id);
      CREATE UNIQUE INDEX runs_by_approval ON runs (approval_id) WHERE approval_id IS NOT NULL;

      CREATE TABLE run_actions (
        seq INTEGER PRIMARY KEY,
        tenant_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        case_id TEXT NOT NULL,
        status TEXT NOT NULL,
        action TEXT NOT NULL
      );
      CREATE UNIQUE INDEX run_actions_by_key ON run_actions (tenant_id, idempotency_key);
      CREATE INDEX run_actions_by_case ON run_actions (tenant_id, case_id, seq);
    `,
  },
];

/**
 * The `RunStore` in SQLite. Saves are one statement guarded by the stored version; claims are one immediate
 * transaction, so two processes claiming one action key never both win. Pass an open database to share a file
 * with the other stores, or let `SqliteRunStore.open(path)` open and own one.
 */
export class SqliteRunStore implements RunStore {
  private readonly statements: Record<string, Statement>;
  private readonly claimTransaction;

  constructor(
    readonly database: SqliteDatabase,
    private readonly options: { ownsDatabase?: boolean } = {},
  ) {
    migrate(database, 'runs', runMigrations);
    const prepare = (sql: string) => database.prepare(sql);
    this.statements = {
      insertRun: prepare(
        'INSERT INTO runs (id, tenant_id, case_id, status, approval_id, created_at, version, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      updateRun: prepare(
        'UPDATE runs SET status = ?, approval_id = ?, version = ?, state = ? WHERE id = ? AND version = ?',
      ),
      runVersion: prepare('SELECT version FROM runs WHERE id = ?').pluck(),
      getRun: prepare('SELECT state FROM runs WHERE id = ?').pluck(),
      byApproval: prepare('SELECT state FROM runs WHERE approval_id = ?').pluck(),
      listRuns: prepare('SELECT state FROM runs WHERE tenant_id = ? ORDER BY created_at, id').pluck(),
      listRunsOfCase: prepare(
        'SELECT state FROM runs WHERE tenant_id = ? AND case_id = ? ORDER BY created_at, id',
      ).pluck(),
      getAction: prepare('SELECT action FROM run_actions WHERE tenant_id = ? AND idempotency_key = ?').pluck(),
      insertAction: prepare(
        'INSERT INTO run_actions (tenant_id, idempotency_key, case_id, status, action) VALUES (?, ?, ?, ?, ?)',
      ),
      updateAction: prepare(
        'UPDATE run_actions SET status = ?, action = ? WHERE tenant_id = ? AND idempotency_key = ?',
      ),
      listActions: prepare('SELECT action FROM run_actions WHERE tenant_id = ? AND case_id = ? ORDER BY seq').pluck(),
    };
    this.claimTransaction = database.transaction((action: ExecutedAction): ActionClaim => {
      const s = this.statements;
      const stored = s.getAction!.get(action.tenantId, action.idempotencyKey) as string | undefined;
      const existing = stored === undefined ? undefined : (JSON.parse(stored) as ExecutedAction);
      if (existing !== undefined && existing.status !== 'failed') return { claimed: false, existing };
      const claimed = withoutUnsetFields({
        ...action,
        status: 'started',
        attempts: (existing?.attempts ?? 0) + 1,
        output: undefined,
        outputSummary: undefined,
        error: undefined,
        completedAt: undefined,
      });
      const json = JSON.stringify(claimed);
      if (existing === undefined) {
        s.insertAction!.run(action.tenantId, action.idempotencyKey, action.caseId, 'started', json);
      } else {
        s.updateAction!.run('started', json, action.tenantId, action.idempotencyKey);
      }
      return { claimed: true, action: claimed };
    });
  }

  /** Opens (or creates) the database file at `path` for this store alone; `close()` closes it. */
  static open(path: string): SqliteRunStore {
    return new SqliteRunStore(openDatabase(path), { ownsDatabase: true });
  }

  /** Closes the database if this store opened it; a shared database is its opener's to close. */
  close(): void {
    if (this.options.ownsDatabase) this.database.close();
  }

  async createRun(state: RunState): Promise<void> {
    const parsed = parseRunState(state);
    if (parsed.version !== 1) throw new ConflictError('Run', parsed.id, 1, parsed.version);
    const written = this.statements.insertRun!.run(
      parsed.id,
      parsed.tenantId,
      parsed.caseId,
      parsed.status,
      parsed.pending?.approvalId ?? null,
      parsed.createdAt,
      parsed.version,
      JSON.stringify(parsed),
    );
    if (written.changes === 0) {
      throw new ConflictError('Run', parsed.id, 1, this.statements.runVersion!.get(parsed.id) as number | undefined);
    }
  }

  async saveRun(state: RunState): Promise<void> {
    const parsed = parseRunState(state);
    const written = this.statements.updateRun!.run(
      parsed.status,
      parsed.pending?.approvalId ?? null,
      parsed.version,
      JSON.stringify(parsed),
      parsed.id,
      parsed.version - 1,
    );
    if (written.changes === 1) return;
    const stored = this.statements.runVersion!.get(parsed.id) as number | undefined;
    if (stored === undefined) throw new NotFoundError('Run', parsed.id);
    throw new ConflictError('Run', parsed.id, parsed.version - 1, stored);
  }

  async getRun(runId: string): Promise<RunState | null> {
    const stored = this.statements.getRun!.get(runId) as string | undefined;
    return stored === undefined ? null : parseRunState(JSON.parse(stored));
  }

  async findRunByApproval(approvalId: string): Promise<RunState | null> {
    const stored = this.statements.byApproval!.get(approvalId) as string | undefined;
    return stored === undefined ? null : parseRunState(JSON.parse(stored));
  }

  async listRuns(tenantId: string, query?: RunQuery): Promise<RunState[]> {
    const statuses = runQueryStatuses(query);
    const rows = (
      query?.caseId === undefined
        ? this.statements.listRuns!.all(tenantId)
        : this.statements.listRunsOfCase!.all(tenantId, query.caseId)
    ) as string[];
    return rows
      .map((row) => parseRunState(JSON.parse(row)))
      .filter((state) => statuses === null || statuses.has(state.status));
  }

  async claimAction(action: ExecutedAction): Promise<ActionClaim> {
    // IMMEDIATE takes the write lock before the read, so a second process cannot claim between our check and write.
    return this.claimTransaction.immediate(action);
  }

  async completeAction(
    tenantId: string,
    idempotencyKey: string,
    completion: ActionCompletion,
  ): Promise<ExecutedAction> {
    const stored = this.statements.getAction!.get(tenantId, idempotencyKey) as string | undefined;
    if (stored === undefined) throw new NotFoundError('Action', idempotencyKey);
    const completed = withoutUnsetFields({ ...(JSON.parse(stored) as ExecutedAction), ...completion });
    this.statements.updateAction!.run(completed.status, JSON.stringify(completed), tenantId, idempotencyKey);
    return completed;
  }

  async getAction(tenantId: string, idempotencyKey: string): Promise<ExecutedAction | null> {
    const stored = this.statements.getAction!.get(tenantId, idempotencyKey) as string | undefined;
    return stored === undefined ? null : (JSON.parse(stored) as ExecutedAction);
  }

  async listActions(tenantId: string, caseId: string): Promise<ExecutedAction[]> {
    return (this.statements.listActions!.all(tenantId, caseId) as string[]).map(
      (row) => JSON.parse(row) as ExecutedAction,
    );
  }
}
