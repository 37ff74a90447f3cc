import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance, sampleRunState } from '@rampart/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteRunStore } from './sqlite-run-store.js';

const directory = mkdtempSync(join(tmpdir(), 'rampart-runs-'));
let files = 0;
const newFile = () => join(directory, `runs-${++files}.db`);
const opened: SqliteRunStore[] = [];

afterAll(() => {
  for (const store of opened) store.close();
  rmSync(directory, { recursive: true, force: true });
});

function openStore(path = newFile()): SqliteRunStore {
  const store = SqliteRunStore.open(path);
  opened.push(store);
  return store;
}

describe('SqliteRunStore', () => {
  for (const check of runStoreConformance(async () => openStore())) it(check.name, check.run);

  it('keeps runs and the ledger across a reopen of the file', async () => {
    const path = newFile();
    const first = SqliteRunStore.open(path);
    await first.createRun(sampleRunState({ status: 'paused' }));
    await first.claimAction({
      tenantId: 'tenant-a',
      caseId: 'case-1',
      runId: 'run-1',
      idempotencyKey: 'idem_1',
      tool: 'containHost',
      risk: 'contain',
      input: { hostId: 'h-1' },
      status: 'started',
      attempts: 1,
      startedAt: 1,
    });
    await first.completeAction('tenant-a', 'idem_1', { status: 'executed', outputSummary: 'ok', completedAt: 2 });
    first.close();

    const second = openStore(path);
    expect((await second.getRun('run-1'))?.status).toBe('paused');
    expect((await second.getAction('tenant-a', 'idem_1'))?.status).toBe('executed');
    const claim = await second.claimAction({
      tenantId: 'tenant-a',
      caseId: 'case-1',
      runId: 'run-2',
      idempotencyKey: 'idem_1',
      tool: 'containHost',
      risk: 'contain',
      input: { hostId: 'h-1' },
      status: 'started',
      attempts: 1,
      startedAt: 3,
    });
    expect(claim.claimed).toBe(false);
  });

  it('lets only one of two connections claim an action key', async () => {
    const path = newFile();
    const one = openStore(path);
    const two = openStore(path);
    const action = (runId: string) => ({
      tenantId: 'tenant-a',
      caseId: 'case-1',
      runId,
      idempotencyKey: 'idem_shared',
      tool: 'containHost',
      risk: 'contain' as const,
      input: {},
      status: 'started' as const,
      attempts: 1,
      startedAt: 1,
    });
    const claims = await Promise.all([one.claimAction(action('run-1')), two.claimAction(action('run-2'))]);
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
  });
});
