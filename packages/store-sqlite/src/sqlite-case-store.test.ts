import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AlertInput,
  type CaseStore,
  createCaseEngine,
  ManualClock,
  MemoryCaseStore,
  sequentialIds,
} from '@rampart/core';
import { caseStoreConformance } from '@rampart/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { caseMigrations } from './case-migrations.js';
import { openDatabase } from './database.js';
import { SqliteCaseStore } from './sqlite-case-store.js';

const directory = mkdtempSync(join(tmpdir(), 'rampart-cases-'));
let files = 0;
const newFile = () => join(directory, `cases-${++files}.db`);
const opened: SqliteCaseStore[] = [];

afterAll(() => {
  for (const store of opened) store.close();
  rmSync(directory, { recursive: true, force: true });
});

function openStore(path = newFile()): SqliteCaseStore {
  const store = SqliteCaseStore.open(path);
  opened.push(store);
  return store;
}

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

/** A morning of alerts, a merge, a move and lifecycle changes: everything the engine writes. */
async function scenario(store: CaseStore) {
  const engine = createCaseEngine({
    store,
    clock: new ManualClock(baseTime + 60 * minute),
    ids: sequentialIds(),
    correlationWindowMs: 30 * minute,
  });
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
  return engine;
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

describe('SqliteCaseStore', () => {
  for (const check of caseStoreConformance(async () => openStore())) it(check.name, check.run);

  it('holds exactly what the in-memory store holds after the same engine operations', async () => {
    const sqlite = openStore();
    const memory = new MemoryCaseStore();
    await scenario(sqlite);
    await scenario(memory);
    expect(await snapshot(sqlite)).toEqual(await snapshot(memory));
  });

  it('writes batches larger than one multi-row statement exactly as the in-memory store holds them', async () => {
    // 150 alerts in chains of three that share a user: several statements per table, cases created and updated.
    const batch = (offset: number) =>
      Array.from({ length: 150 }, (_, index) =>
        alert(`bulk-${offset + index}`, offset + index, [user(`user-${Math.floor((offset + index) / 3)}`)]),
      );
    const stores = [openStore(), new MemoryCaseStore()];
    for (const store of stores) {
      const engine = createCaseEngine({
        store,
        clock: new ManualClock(baseTime),
        ids: sequentialIds(),
        correlationWindowMs: 30 * minute,
      });
      await engine.ingest(batch(0), { tenantId });
      await engine.ingest([...batch(100), ...batch(0).slice(0, 10)], { tenantId });
    }
    const [sqlite, memory] = await Promise.all(stores.map(snapshot));
    expect(sqlite).toEqual(memory);
    expect(sqlite!.flatMap((entry) => entry.alerts)).toHaveLength(250);
  });

  it('rejects a large change set whose alert in the middle takes a stored fingerprint, and writes none of it', async () => {
    const store = openStore();
    const engine = createCaseEngine({
      store,
      clock: new ManualClock(baseTime),
      ids: sequentialIds(),
      correlationWindowMs: 30 * minute,
    });
    const first = await engine.ingest([alert('taken', 0, [user('jane')])], { tenantId });
    const stored = (await store.getAlert(tenantId, first.alerts[0]!.alertId))!;
    const newAlerts = Array.from({ length: 100 }, (_, index) => ({
      ...stored,
      id: `alert-new-${index}`,
      fingerprint: index === 70 ? stored.fingerprint : `fingerprint-${index}`,
    }));
    await expect(store.applyChanges({ tenantId, newAlerts })).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(stored.fingerprint),
    });
    await expect(store.applyChanges({ tenantId, newAlerts: [newAlerts[0]!, stored] })).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(stored.id),
    });
    expect(
      await store.getAlerts(
        tenantId,
        newAlerts.map((each) => each.id),
      ),
    ).toEqual([]);
  });

  it('applies a change set that writes one case twice in order, and rejects a stale one among many whole', async () => {
    const store = openStore();
    const engine = createCaseEngine({
      store,
      clock: new ManualClock(baseTime),
      ids: sequentialIds(),
      correlationWindowMs: 30 * minute,
    });
    const { cases } = await engine.ingest(
      Array.from({ length: 80 }, (_, index) => alert(`case-${index}`, index * 60, [user(`user-${index}`)])),
      { tenantId },
    );
    const records = await store.getCaseRecords(
      tenantId,
      cases.map((summary) => summary.id),
    );
    const created = { ...records[0]!, id: 'case-new', version: 1 };
    await store.applyChanges({ tenantId, cases: [created, { ...created, version: 2, title: 'Renamed' }] });
    expect(await store.getCaseRecords(tenantId, ['case-new'])).toEqual([{ ...created, version: 2, title: 'Renamed' }]);

    const updates = records.map((record) => ({ ...record, version: record.version + 1, assignee: 'dana' }));
    updates[50] = { ...updates[50]!, version: updates[50]!.version + 1 };
    await expect(store.applyChanges({ tenantId, cases: updates })).rejects.toMatchObject({
      name: 'ConflictError',
      id: records[50]!.id,
    });
    expect(
      await store.getCaseRecords(
        tenantId,
        cases.map((summary) => summary.id),
      ),
    ).toEqual(records);
    updates[50] = { ...records[50]!, version: records[50]!.version + 1, assignee: 'dana' };
    await store.applyChanges({ tenantId, cases: updates });
    expect((await store.getCaseRecords(tenantId, [records[79]!.id]))[0]?.assignee).toBe('dana');
  });

  it('migrates a version 1 file: its entity links survive the re-keyed table and are found by window', async () => {
    const path = newFile();
    const writer = SqliteCaseStore.open(path);
    await scenario(writer);
    const before = await snapshot(writer);
    writer.close();
    // Rewind the file to schema 1: the links table as version 1 created it, holding the same rows.
    const database = openDatabase(path);
    database.exec(`
      CREATE TABLE links_v1 (
        tenant_id TEXT NOT NULL, entity_key TEXT NOT NULL, case_id TEXT NOT NULL, first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL, correlates INTEGER NOT NULL, PRIMARY KEY (tenant_id, entity_key, case_id)
      ) WITHOUT ROWID;
      INSERT INTO links_v1 SELECT tenant_id, entity_key, case_id, first_seen_at, last_seen_at, correlates
        FROM case_entity_links;
      DROP TABLE case_entity_links;
      ALTER TABLE links_v1 RENAME TO case_entity_links;
      CREATE INDEX case_entity_links_by_case ON case_entity_links (tenant_id, case_id, entity_key);
      DELETE FROM schema_migrations WHERE component = 'cases' AND version > 1;
    `);
    database.close();

    const reader = openStore(path);
    expect(await snapshot(reader)).toEqual(before);
    const open = before.find((entry) => entry.record.status !== 'closed' && entry.record.entities.length > 0)!;
    const links = await reader.findEntityLinks(tenantId, open.record.entities, { from: 0, to: baseTime * 2 });
    expect(links.map((link) => link.caseId)).toContain(open.record.id);
  });

  it('keeps everything across closing and reopening the file, and correlates against it', async () => {
    const path = newFile();
    const writer = SqliteCaseStore.open(path);
    await scenario(writer);
    const before = await snapshot(writer);
    writer.close();

    const reader = openStore(path);
    expect(await snapshot(reader)).toEqual(before);
    // A second process needs identifiers of its own; sequential ones would collide with the first run's.
    const counters = sequentialIds();
    const engine = createCaseEngine({
      store: reader,
      clock: new ManualClock(baseTime + 2 * 60 * minute),
      ids: { next: (prefix) => `${counters.next(prefix)}-reopened` },
      correlationWindowMs: 30 * minute,
    });
    const later = await engine.ingest([alert('l1', 25, [user('li')]), alert('a1', 0, [user('jane')])], { tenantId });
    const li = before.find((entry) => entry.record.entities.includes('user:li'))!;
    expect(later.alerts[0]!.caseId).toBe(li.record.id);
    expect(later.duplicates.map((duplicate) => duplicate.index)).toEqual([1]);
  });

  it('shares one database with other components and migrates once', async () => {
    const database = openDatabase(newFile());
    try {
      const one = new SqliteCaseStore(database);
      await scenario(one);
      const two = new SqliteCaseStore(database);
      expect(await snapshot(two)).toEqual(await snapshot(one));
      const migrations = database
        .prepare("SELECT version FROM schema_migrations WHERE component = 'cases'")
        .pluck()
        .all();
      expect(migrations).toEqual(caseMigrations.map((migration) => migration.version));
      two.close();
      expect(database.open).toBe(true);
    } finally {
      database.close();
    }
  });
});
