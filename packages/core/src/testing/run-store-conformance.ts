import assert from 'node:assert/strict';
import { ConflictError, NotFoundError, RampartError } from '../errors.js';
import { type ExecutedAction, type RunState, runStateSchemaVersion } from '../runs/run-state.js';
import type { RunStore } from '../stores/run-store.js';
import type { ConformanceCase } from './case-store-conformance.js';

const tenantA = 'tenant-a';
const tenantB = 'tenant-b';

/** A small but complete run state: every field set, including a pending approval and evidence. */
export function sampleRunState(overrides: Partial<RunState> = {}): RunState {
  return {
    schemaVersion: runStateSchemaVersion,
    id: 'run-1',
    tenantId: tenantA,
    caseId: 'case-1',
    status: 'running',
    stage: 'triage',
    agent: 'triage',
    completedStages: [],
    messages: [
      { role: 'system', content: 'You triage security alerts.' },
      { role: 'user', content: '<untrusted-data source="alerts">\n[]\n</untrusted-data>' },
      {
        role: 'assistant',
        content: 'Checking the address.',
        toolCalls: [{ id: 'call_1', name: 'lookupIp', arguments: { ip: '203.0.113.7' } }],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'lookupIp', content: '{"reputation":"malicious"}' },
    ],
    step: 1,
    toolCalls: 1,
    unprocessedCalls: [],
    pending: null,
    decisions: [],
    disclosedTools: [],
    evidence: [
      {
        toolCallId: 'call_1',
        tool: 'lookupIp',
        capabilities: ['ip.reputation'],
        risk: 'read',
        input: { ip: '203.0.113.7' },
        status: 'executed',
        output: { reputation: 'malicious' },
        stage: 'triage',
        agent: 'triage',
        at: 1_000,
      },
    ],
    stageDenials: 0,
    escalation: null,
    error: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    version: 1,
    ...overrides,
  };
}

function pausedState(id: string, approvalId: string, overrides: Partial<RunState> = {}): RunState {
  return sampleRunState({
    id,
    status: 'paused',
    pending: {
      approvalId,
      toolCall: { id: 'call_2', name: 'containHost', arguments: { hostId: 'h-1' } },
      tool: 'containHost',
      risk: 'contain',
      reason: 'contain is above the agent’s autonomy',
      approverRole: 'soc-lead',
      policies: [
        {
          policyId: 'critical-asset-containment',
          version: 1,
          effect: 'require-approval',
          reason: 'critical',
          approverRole: 'soc-lead',
        },
      ],
      idempotencyKey: 'idem_1',
      agent: 'response',
      requestedAt: 2_000,
    },
    ...overrides,
  });
}

function action(key: string, overrides: Partial<ExecutedAction> = {}): ExecutedAction {
  return {
    tenantId: tenantA,
    caseId: 'case-1',
    runId: 'run-1',
    idempotencyKey: key,
    tool: 'containHost',
    risk: 'contain',
    input: { hostId: 'h-1' },
    status: 'started',
    attempts: 1,
    startedAt: 3_000,
    ...overrides,
  };
}

async function rejectsWith(promise: Promise<unknown>, check: (error: unknown) => boolean, message: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(check(error), `${message}; got ${String(error)}`);
    return true;
  });
}

/**
 * The executable `RunStore` contract. Runner-agnostic: an adapter's test does
 * `for (const check of runStoreConformance(factory)) it(check.name, check.run)`.
 * `createStore` must return a new, empty store on every call.
 */
export function runStoreConformance(createStore: () => Promise<RunStore>): ConformanceCase[] {
  const checks: ConformanceCase[] = [];
  const check = (name: string, body: (store: RunStore) => Promise<void>) =>
    checks.push({ name: `RunStore: ${name}`, run: async () => body(await createStore()) });

  check('creates a run and reads it back whole', async (store) => {
    const state = pausedState('run-1', 'approval-1');
    await store.createRun(state);
    assert.deepEqual(await store.getRun('run-1'), state);
    assert.equal(await store.getRun('run-unknown'), null);
  });

  check('returns snapshots: changing a returned or saved state changes nothing stored', async (store) => {
    const state = sampleRunState();
    await store.createRun(state);
    state.messages.push({ role: 'user', content: 'changed after create' });
    const read = await store.getRun('run-1');
    assert.ok(read);
    assert.equal(read.messages.length, 4);
    read.evidence.length = 0;
    assert.equal((await store.getRun('run-1'))?.evidence.length, 1);
  });

  check('refuses to create a run twice, or a new run at a version other than 1', async (store) => {
    await store.createRun(sampleRunState());
    await rejectsWith(store.createRun(sampleRunState()), ConflictError.isInstance, 'a second create must conflict');
    await rejectsWith(
      store.createRun(sampleRunState({ id: 'run-2', version: 2 })),
      ConflictError.isInstance,
      'a create at version 2 must conflict',
    );
  });

  check('saves the next version and rejects a stale or skipped one', async (store) => {
    await store.createRun(sampleRunState());
    const next = sampleRunState({ version: 2, step: 2, updatedAt: 2_000 });
    await store.saveRun(next);
    assert.deepEqual(await store.getRun('run-1'), next);
    await rejectsWith(
      store.saveRun(sampleRunState({ version: 2, step: 3 })),
      ConflictError.isInstance,
      'a second save of version 2 must conflict',
    );
    await rejectsWith(
      store.saveRun(sampleRunState({ version: 4 })),
      ConflictError.isInstance,
      'skipping a version must conflict',
    );
    assert.equal((await store.getRun('run-1'))?.step, 2);
    await rejectsWith(
      store.saveRun(sampleRunState({ id: 'run-unknown', version: 2 })),
      NotFoundError.isInstance,
      'saving an unknown run must be NotFoundError',
    );
  });

  check('rejects a state that is not a valid run state, writing nothing', async (store) => {
    await rejectsWith(
      store.createRun({ ...sampleRunState(), step: -1 }),
      RampartError.isInstance,
      'a negative step must be refused',
    );
    await rejectsWith(
      store.createRun({ ...sampleRunState(), schemaVersion: 99 } as unknown as RunState),
      RampartError.isInstance,
      'an unknown schema version must be refused',
    );
    assert.equal(await store.getRun('run-1'), null);
  });

  check('finds a run by its pending approval, and no longer once it is decided', async (store) => {
    await store.createRun(pausedState('run-1', 'approval-1'));
    await store.createRun(pausedState('run-2', 'approval-2', { tenantId: tenantB }));
    assert.equal((await store.findRunByApproval('approval-2'))?.id, 'run-2');
    assert.equal((await store.findRunByApproval('approval-1'))?.id, 'run-1');
    assert.equal(await store.findRunByApproval('approval-unknown'), null);
    await store.saveRun({ ...pausedState('run-1', 'approval-1'), pending: null, status: 'running', version: 2 });
    assert.equal(await store.findRunByApproval('approval-1'), null);
  });

  check('lists one tenant’s runs oldest first, by case and by status', async (store) => {
    await store.createRun(sampleRunState({ id: 'run-b', createdAt: 2_000 }));
    await store.createRun(sampleRunState({ id: 'run-a', createdAt: 2_000, caseId: 'case-2' }));
    await store.createRun(pausedState('run-c', 'approval-c', { createdAt: 1_000 }));
    await store.createRun(sampleRunState({ id: 'run-other', tenantId: tenantB }));
    assert.deepEqual(
      (await store.listRuns(tenantA)).map((state) => state.id),
      ['run-c', 'run-a', 'run-b'],
    );
    assert.deepEqual(
      (await store.listRuns(tenantA, { caseId: 'case-1' })).map((state) => state.id),
      ['run-c', 'run-b'],
    );
    assert.deepEqual(
      (await store.listRuns(tenantA, { status: 'paused' })).map((state) => state.id),
      ['run-c'],
    );
    assert.deepEqual(
      (await store.listRuns(tenantA, { status: ['paused', 'running'], caseId: 'case-2' })).map((state) => state.id),
      ['run-a'],
    );
    assert.deepEqual(
      (await store.listRuns(tenantB)).map((state) => state.id),
      ['run-other'],
    );
    assert.deepEqual(await store.listRuns('tenant-none'), []);
  });

  check('claims an action key once; a second claim returns the stored action', async (store) => {
    const first = await store.claimAction(action('idem_1'));
    assert.equal(first.claimed, true);
    const second = await store.claimAction(action('idem_1', { runId: 'run-2', startedAt: 9_000 }));
    assert.equal(second.claimed, false);
    assert.ok(!second.claimed);
    assert.equal(second.existing.runId, 'run-1');
    assert.equal(second.existing.status, 'started');
  });

  check('concurrent claims of one key: exactly one succeeds', async (store) => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, index) => store.claimAction(action('idem_race', { runId: `run-${index}` }))),
    );
    assert.equal(claims.filter((claim) => claim.claimed).length, 1);
  });

  check('completes an action; an executed action is never claimed again', async (store) => {
    await store.claimAction(action('idem_1'));
    const done = await store.completeAction(tenantA, 'idem_1', {
      status: 'executed',
      output: { state: 'contained' },
      outputSummary: 'contained',
      completedAt: 4_000,
    });
    assert.deepEqual(done, {
      ...action('idem_1'),
      status: 'executed',
      output: { state: 'contained' },
      outputSummary: 'contained',
      completedAt: 4_000,
    });
    assert.deepEqual(await store.getAction(tenantA, 'idem_1'), done);
    const again = await store.claimAction(action('idem_1', { runId: 'run-2' }));
    assert.ok(!again.claimed);
    assert.deepEqual(again.existing, done);
    await rejectsWith(
      store.completeAction(tenantA, 'idem_unknown', { status: 'executed', completedAt: 1 }),
      NotFoundError.isInstance,
      'completing an unknown key must be NotFoundError',
    );
  });

  check('a failed action may be claimed again, counting attempts', async (store) => {
    await store.claimAction(action('idem_1'));
    await store.completeAction(tenantA, 'idem_1', { status: 'failed', error: 'vendor down', completedAt: 4_000 });
    const retry = await store.claimAction(action('idem_1', { runId: 'run-2', startedAt: 5_000 }));
    assert.ok(retry.claimed);
    assert.equal(retry.action.attempts, 2);
    const stored = await store.getAction(tenantA, 'idem_1');
    assert.equal(stored?.status, 'started');
    assert.equal(stored?.runId, 'run-2');
    assert.equal(stored?.error, undefined);
    assert.equal(stored?.completedAt, undefined);
  });

  check('keeps each tenant’s ledger apart and lists a case’s actions in claim order', async (store) => {
    await store.claimAction(action('idem_2'));
    await store.claimAction(action('idem_1'));
    await store.claimAction(action('idem_3', { caseId: 'case-2' }));
    await store.claimAction(action('idem_1', { tenantId: tenantB, caseId: 'case-9' }));
    assert.deepEqual(
      (await store.listActions(tenantA, 'case-1')).map((item) => item.idempotencyKey),
      ['idem_2', 'idem_1'],
    );
    assert.equal((await store.getAction(tenantB, 'idem_1'))?.caseId, 'case-9');
    assert.equal(await store.getAction(tenantB, 'idem_2'), null);
    assert.deepEqual(await store.listActions(tenantB, 'case-1'), []);
  });

  return checks;
}
