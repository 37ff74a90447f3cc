import type { ExecutedAction } from '@rampart/core';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres, TestSchemas } from '../test/support/postgres.js';
import { PostgresRunStore } from './postgres-run-store.js';

function action(key: string): ExecutedAction {
  return {
    tenantId: 'acme',
    caseId: 'case-1',
    runId: 'run-1',
    idempotencyKey: key,
    tool: 'containHost',
    risk: 'contain',
    input: { hostId: key },
    status: 'started',
    attempts: 1,
    startedAt: 1_767_225_600_000,
  };
}

describeWithPostgres('PostgresRunStore', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  it('lets exactly one of two processes claim each action key, first and after a failure', async () => {
    const database = await schemas.database();
    // Separate pools: separate connections, as two worker processes resuming the same run would have.
    const one = new PostgresRunStore(database);
    const two = new PostgresRunStore(schemas.secondConnection(database));
    const keys = Array.from({ length: 20 }, (_, index) => `contain-host-${index}`);

    const claims = await Promise.all(
      keys.map((key) => Promise.all([one.claimAction(action(key)), two.claimAction(action(key))])),
    );
    for (const pair of claims) expect(pair.filter((claim) => claim.claimed)).toHaveLength(1);

    for (const key of keys) {
      await one.completeAction('acme', key, { status: 'failed', error: 'vendor down', completedAt: 1 });
    }
    const retries = await Promise.all(
      keys.map((key) => Promise.all([two.claimAction(action(key)), one.claimAction(action(key))])),
    );
    for (const pair of retries) {
      const won = pair.filter((claim) => claim.claimed);
      expect(won).toHaveLength(1);
      expect(won[0]!.claimed && won[0]!.action.attempts).toBe(2);
    }
    // One ledger row per key, never a second row for a re-claimed one (claims ran in parallel, so any order).
    const ledger = (await one.listActions('acme', 'case-1')).map((stored) => stored.idempotencyKey);
    expect(ledger.sort()).toEqual([...keys].sort());
  });
});
