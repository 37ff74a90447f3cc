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
import { type PostgresDatabase, type Session, tenantSetting } from './postgres-database.js';

/**
 * The `RunStore` in PostgreSQL. A save is one update guarded by the stored version; a claim locks the ledger
 * row (`FOR UPDATE`), or inserts it and lets the unique key decide between two processes, so of two claims of
 * one key only one wins. Lookups by run or approval id find the owning tenant in `run_directory` and read the
 * run under that tenant's row-level security.
 */
export class PostgresRunStore implements RunStore {
  private readonly sql;

  constructor(private readonly database: PostgresDatabase) {
    const directory = database.table('run_directory');
    const runs = database.table('runs');
    const actions = database.table('run_actions');
    this.sql = {
      register: `INSERT INTO ${directory} (run_id, tenant_id, approval_id) VALUES ($1, $2, $3)
        ON CONFLICT (run_id) DO NOTHING RETURNING run_id`,
      setApproval: `UPDATE ${directory} SET approval_id = $3 WHERE run_id = $1 AND tenant_id = $2`,
      tenantOfRun: `SELECT tenant_id FROM ${directory} WHERE run_id = $1`,
      tenantOfApproval: `SELECT tenant_id, run_id FROM ${directory} WHERE approval_id = $1`,
      scope: `SELECT set_config('${tenantSetting}', $1, true)`,
      insertRun: `INSERT INTO ${runs} (tenant_id, id, case_id, status, created_at, version, state)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      updateRun: `UPDATE ${runs} SET status = $3, version = $4, state = $5
        WHERE tenant_id = $1 AND id = $2 AND version = $4 - 1`,
      runVersion: `SELECT version FROM ${runs} WHERE tenant_id = $1 AND id = $2`,
      getRun: `SELECT state FROM ${runs} WHERE id = $1`,
      listRuns: `SELECT state FROM ${runs} WHERE tenant_id = $1 ORDER BY created_at, id`,
      listRunsOfCase: `SELECT state FROM ${runs} WHERE tenant_id = $1 AND case_id = $2 ORDER BY created_at, id`,
      lockAction: `SELECT action FROM ${actions} WHERE tenant_id = $1 AND idempotency_key = $2 FOR UPDATE`,
      getAction: `SELECT action FROM ${actions} WHERE tenant_id = $1 AND idempotency_key = $2`,
      insertAction: `INSERT INTO ${actions} (tenant_id, idempotency_key, case_id, status, action)
        VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING RETURNING seq`,
      updateAction: `UPDATE ${actions} SET status = $3, action = $4 WHERE tenant_id = $1 AND idempotency_key = $2`,
      listActions: `SELECT action FROM ${actions} WHERE tenant_id = $1 AND case_id = $2 ORDER BY seq`,
    };
  }

  async createRun(state: RunState): Promise<void> {
    const parsed = parseRunState(state);
    if (parsed.version !== 1) throw new ConflictError('Run', parsed.id, 1, parsed.version);
    await this.database.inTenant(parsed.tenantId, async (session) => {
      const registered = await session.query(this.sql.register, [
        parsed.id,
        parsed.tenantId,
        parsed.pending?.approvalId ?? null,
      ]);
      if (registered.length === 0) {
        // Another tenant's run with this id stays invisible here, so its version reads as unknown.
        const [row] = await session.query<{ version: number }>(this.sql.runVersion, [parsed.tenantId, parsed.id]);
        throw new ConflictError('Run', parsed.id, 1, row?.version);
      }
      await session.execute(this.sql.insertRun, [
        parsed.tenantId,
        parsed.id,
        parsed.caseId,
        parsed.status,
        parsed.createdAt,
        parsed.version,
        JSON.stringify(parsed),
      ]);
    });
  }

  async saveRun(state: RunState): Promise<void> {
    const parsed = parseRunState(state);
    await this.database.inTenant(parsed.tenantId, async (session) => {
      const written = await session.execute(this.sql.updateRun, [
        parsed.tenantId,
        parsed.id,
        parsed.status,
        parsed.version,
        JSON.stringify(parsed),
      ]);
      if (written === 0) {
        const [row] = await session.query<{ version: number }>(this.sql.runVersion, [parsed.tenantId, parsed.id]);
        if (row === undefined) throw new NotFoundError('Run', parsed.id);
        throw new ConflictError('Run', parsed.id, parsed.version - 1, row.version);
      }
      await session.execute(this.sql.setApproval, [parsed.id, parsed.tenantId, parsed.pending?.approvalId ?? null]);
    });
  }

  async getRun(runId: string): Promise<RunState | null> {
    return this.database.withoutTenant(async (session) => {
      const [owner] = await session.query<{ tenant_id: string }>(this.sql.tenantOfRun, [runId]);
      return owner === undefined ? null : this.readRun(session, owner.tenant_id, runId);
    });
  }

  async findRunByApproval(approvalId: string): Promise<RunState | null> {
    return this.database.withoutTenant(async (session) => {
      const [owner] = await session.query<{ tenant_id: string; run_id: string }>(this.sql.tenantOfApproval, [
        approvalId,
      ]);
      return owner === undefined ? null : this.readRun(session, owner.tenant_id, owner.run_id);
    });
  }

  /** Scopes the rest of the transaction to the run's tenant, so the read itself stays under row-level security. */
  private async readRun(session: Session, tenantId: string, runId: string): Promise<RunState | null> {
    await session.query(this.sql.scope, [tenantId]);
    const [row] = await session.query<{ state: string }>(this.sql.getRun, [runId]);
    return row === undefined ? null : parseRunState(JSON.parse(row.state));
  }

  async listRuns(tenantId: string, query?: RunQuery): Promise<RunState[]> {
    const statuses = runQueryStatuses(query);
    const rows = await this.database.inTenant(tenantId, (session) =>
      query?.caseId === undefined
        ? session.query<{ state: string }>(this.sql.listRuns, [tenantId])
        : session.query<{ state: string }>(this.sql.listRunsOfCase, [tenantId, query.caseId]),
    );
    return rows
      .map((row) => parseRunState(JSON.parse(row.state)))
      .filter((state) => statuses === null || statuses.has(state.status));
  }

  async claimAction(action: ExecutedAction): Promise<ActionClaim> {
    return this.database.inTenant(action.tenantId, async (session) => {
      // Two passes at most: if another process inserts the key between our read and our insert, the insert waits
      // for it, does nothing, and the second read (locking) sees its row.
      for (;;) {
        const [row] = await session.query<{ action: string }>(this.sql.lockAction, [
          action.tenantId,
          action.idempotencyKey,
        ]);
        const existing = row === undefined ? undefined : (JSON.parse(row.action) as ExecutedAction);
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
        if (existing !== undefined) {
          await session.execute(this.sql.updateAction, [action.tenantId, action.idempotencyKey, 'started', json]);
          return { claimed: true, action: claimed };
        }
        const inserted = await session.query(this.sql.insertAction, [
          action.tenantId,
          action.idempotencyKey,
          action.caseId,
          'started',
          json,
        ]);
        if (inserted.length === 1) return { claimed: true, action: claimed };
      }
    });
  }

  async completeAction(
    tenantId: string,
    idempotencyKey: string,
    completion: ActionCompletion,
  ): Promise<ExecutedAction> {
    return this.database.inTenant(tenantId, async (session) => {
      const [row] = await session.query<{ action: string }>(this.sql.lockAction, [tenantId, idempotencyKey]);
      if (row === undefined) throw new NotFoundError('Action', idempotencyKey);
      const completed = withoutUnsetFields({ ...(JSON.parse(row.action) as ExecutedAction), ...completion });
      await session.execute(this.sql.updateAction, [
        tenantId,
        idempotencyKey,
        completed.status,
        JSON.stringify(completed),
      ]);
      return completed;
    });
  }

  async getAction(tenantId: string, idempotencyKey: string): Promise<ExecutedAction | null> {
    const [row] = await this.database.inTenant(tenantId, (session) =>
      session.query<{ action: string }>(this.sql.getAction, [tenantId, idempotencyKey]),
    );
    return row === undefined ? null : (JSON.parse(row.action) as ExecutedAction);
  }

  async listActions(tenantId: string, caseId: string): Promise<ExecutedAction[]> {
    const rows = await this.database.inTenant(tenantId, (session) =>
      session.query<{ action: string }>(this.sql.listActions, [tenantId, caseId]),
    );
    return rows.map((row) => JSON.parse(row.action) as ExecutedAction);
  }
}
