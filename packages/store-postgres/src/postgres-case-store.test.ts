import {
  type AlertInput,
  type CaseStore,
  ConflictError,
  createCaseEngine,
  ManualClock,
  MemoryCaseStore,
  sequentialIds,
} from '@rampart/core';
import { afterAll, expect, it } from 'vitest';
import { describeWithPostgres, TestSchemas } from '../test/support/postgres.js';
import { PostgresCaseStore } from './postgres-case-store.js';

const baseTime = Date.UTC(2026, 10, 27, 9, 0, 0);
const minute = 60_000;
const tenantId = 'acme';
const analyst = { type: 'analyst', id: 'dana' } as const;

function alert(uid: string, minutes: number, entities: [number, string][], severityId = 3): AlertInput {
  return {
    class_uid: 2004,
    category_uid: 2,
    severity_id: severityId,
    time: baseTime + minutes * minute,
    finding_info: { uid, title: `Finding ${uid}` },
    observables: entities.map(([type_id, value]) => ({ name: 'observable', type_id, value })),
    metadata: { product: { vendor_name: 'Fixture', name: 'Detections' }, uid },
  };
}

const user = (name: string): [number, string] => [4, name];
const ip = (address: string): [number, string] => [2, address];

function engineOver(store: CaseStore, suffix = '') {
  const counters = sequentialIds();
  return createCaseEngine({
    store,
    clock: new ManualClock(baseTime + 60 * minute),
    ids: { next: (prefix) => `${counters.next(prefix)}${suffix}` },
    correlationWindowMs: 30 * minute,
  });
}

/** A morning of alerts, a merge, a move and lifecycle changes: everything the engine writes. */
async function scenario(store: CaseStore) {
  const engine = engineOver(store);
  const first = await engine.ingest(
    [
      alert('a1', 0, [user('jane'), ip('203.0.113.7')], 2),
      alert('a2', 5, [ip('203.0.113.7')], 4),
      alert('b1', 6, [user('omar')]),
      alert('a1', 0, [user('jane'), ip('203.0.113.7')], 2),
    ],
    { tenantId },
  );
  await engine.ingest([alert('a3', 20, [user('jane')]), alert('c1', 21, [user('li')], 5)], { tenantId });
  const [a1, , b1] = first.alerts;
  await engine.transition(a1!.caseId, 'triaging', { tenantId, actor: analyst });
  await engine.mergeCases(a1!.caseId, b1!.caseId, { tenantId, actor: analyst });
  const c = (await store.listCases(tenantId, { status: 'new' })).cases[0]!;
  await engine.moveAlerts([first.alerts[1]!.alertId], c.id, { tenantId, actor: analyst });
  await engine.setVerdict(c.id, { verdict: 'true_positive', confidence: 0.8 }, { tenantId, actor: analyst });
}

async function snapshot(store: CaseStore) {
  const { cases } = await store.listCases(tenantId, { limit: 1000 });
  return Promise.all(
    cases.map(async (record) => ({
      record,
      timeline: await store.getTimeline(tenantId, record.id),
      alerts: (await store.getAlerts(tenantId, record.alertIds)).sort((a, b) => a.id.localeCompare(b.id)),
    })),
  );
}

describeWithPostgres('PostgresCaseStore', () => {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());

  it('holds exactly what the in-memory store holds after the same engine operations', async () => {
    const postgres = new PostgresCaseStore(await schemas.database());
    const memory = new MemoryCaseStore();
    await scenario(postgres);
    await scenario(memory);
    expect(await snapshot(postgres)).toEqual(await snapshot(memory));
  });

  it('lets exactly one of two processes create a case for the same alert; the other conflicts and writes nothing', async () => {
    const database = await schemas.database();
    // Two stores on separate pools: separate connections, as two worker processes would have.
    const other = new PostgresCaseStore(schemas.secondConnection(database));
    const first = engineOver(new PostgresCaseStore(database), '-one');
    const second = engineOver(other, '-two');
    const results = await Promise.allSettled([
      first.ingest([alert('race', 0, [user('jane')])], { tenantId }),
      second.ingest([alert('race', 0, [user('jane')])], { tenantId }),
    ]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(ConflictError.isInstance(result.reason)).toBe(true);
    }
    // Whatever the interleaving, the store ends with one case holding the alert once, not two half-cases.
    const { cases } = await other.listCases(tenantId);
    expect(cases).toHaveLength(1);
    expect(cases[0]!.alertIds).toHaveLength(1);
    expect(await other.getTimeline(tenantId, cases[0]!.id)).toHaveLength(
      (await new PostgresCaseStore(database).getTimeline(tenantId, cases[0]!.id)).length,
    );
  });

  it('keeps every alert exactly once in exactly one case when four writers correlate into the same cases', async () => {
    const database = await schemas.database();
    const writers = Array.from({ length: 4 }, (_, writer) =>
      engineOver(new PostgresCaseStore(schemas.secondConnection(database)), `-w${writer}`),
    );
    const batches = 8;
    const perBatch = 10;
    let conflicts = 0;
    await Promise.all(
      writers.map(async (engine, writer) => {
        for (let batch = 0; batch < batches; batch++) {
          // Five users shared by every writer: nearly every batch correlates into cases another writer touches.
          const alerts = Array.from({ length: perBatch }, (_, offset) => {
            const index = (writer * batches + batch) * perBatch + offset;
            return alert(`shared-${index}`, index % 20, [user(`user-${index % 5}`)]);
          });
          // The engine re-plans a few times on a conflict; past that, a queue would retry the job, as here.
          for (let attempt = 0; ; attempt++) {
            try {
              await engine.ingest(alerts, { tenantId });
              break;
            } catch (error) {
              if (!ConflictError.isInstance(error) || attempt === 20) throw error;
              conflicts++;
            }
          }
        }
      }),
    );
    const store = new PostgresCaseStore(database);
    const { cases } = await store.listCases(tenantId, { limit: 1000 });
    const placed = cases.flatMap((record) => record.alertIds.map((alertId) => ({ alertId, caseId: record.id })));
    expect(placed).toHaveLength(writers.length * batches * perBatch);
    expect(new Set(placed.map((entry) => entry.alertId)).size).toBe(placed.length);
    const stored = await store.getAlerts(
      tenantId,
      placed.map((entry) => entry.alertId),
    );
    const caseOf = new Map(placed.map((entry) => [entry.alertId, entry.caseId]));
    for (const alertRecord of stored) expect(alertRecord.caseId).toBe(caseOf.get(alertRecord.id));
    console.log(
      `[store-postgres] 4 concurrent writers, ${placed.length} alerts, ${conflicts} batches retried after conflicts`,
    );
  });

  it('ingests batches of alerts at a sane rate (logged for the record, not asserted)', async () => {
    const store = new PostgresCaseStore(await schemas.database());
    const engine = engineOver(store);
    const batches = 20;
    const perBatch = 50;
    const started = performance.now();
    for (let batch = 0; batch < batches; batch++) {
      const alerts = Array.from({ length: perBatch }, (_, offset) => {
        const index = batch * perBatch + offset;
        return alert(`bulk-${index}`, index % 600, [user(`user-${index % 97}`), ip(`198.51.100.${index % 200}`)]);
      });
      await engine.ingest(alerts, { tenantId });
    }
    const seconds = (performance.now() - started) / 1000;
    const total = batches * perBatch;
    console.log(
      `[store-postgres] ingested ${total} alerts in ${batches} change sets: ${Math.round(total / seconds)} alerts/s`,
    );
    let alertCount = 0;
    let cursor: string | null = null;
    do {
      const page = await store.listCases(tenantId, { limit: 1000, cursor });
      alertCount += page.cases.reduce((sum, record) => sum + record.alertIds.length, 0);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(alertCount).toBe(total);
  });
});
