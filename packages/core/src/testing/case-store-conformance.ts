import assert from 'node:assert/strict';
import { type Alert, parseAlert } from '../alerts/alert.js';
import type { TimelineEntry } from '../cases/timeline.js';
import { ConflictError, NotFoundError, RampartError, ValidationError } from '../errors.js';
import type { CaseChangeSet, CaseRecord, CaseStore, EntityLink, StoredAlert } from '../stores/case-store.js';

/** One conformance check: `run` resolves when the store behaves, and throws (node:assert) when it does not. */
export interface ConformanceCase {
  name: string;
  run: () => Promise<void>;
}

const tenantA = 'tenant-a';
const tenantB = 'tenant-b';
const system = { type: 'system', id: 'conformance' } as const;

function alertBody(uid: string, time: number): Alert {
  return parseAlert({
    class_uid: 2004,
    category_uid: 2,
    severity_id: 3,
    time,
    finding_info: { uid, title: `Finding ${uid}` },
    metadata: { product: { vendor_name: 'Conformance', name: 'Suite' }, uid },
  });
}

function caseRecord(tenantId: string, id: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id,
    tenantId,
    title: `Case ${id}`,
    status: 'new',
    severityId: 3,
    verdict: null,
    assignee: null,
    tags: [],
    createdAt: 1_000,
    updatedAt: 1_000,
    firstAlertAt: 1_000,
    lastAlertAt: 1_000,
    milestones: {},
    mergedInto: null,
    version: 1,
    ...overrides,
  };
}

function storedAlert(
  tenantId: string,
  id: string,
  caseId: string,
  options: { fingerprint?: string; entities?: string[]; time?: number } = {},
): StoredAlert {
  const time = options.time ?? 1_000;
  return {
    id,
    tenantId,
    caseId,
    fingerprint: options.fingerprint ?? `fp-${id}`,
    entities: options.entities ?? [],
    receivedAt: 5_000,
    lastReceivedAt: 5_000,
    duplicateCount: 0,
    alert: alertBody(`${tenantId}-${id}`, time),
  };
}

function note(caseId: string, id: string, at: number, summary = id): TimelineEntry {
  return { id, caseId, at, actor: system, type: 'reasoning', data: { summary } };
}

function link(entityKey: string, caseId: string, firstSeenAt: number, lastSeenAt = firstSeenAt): EntityLink {
  return { entityKey, caseId, firstSeenAt, lastSeenAt, correlates: true };
}

async function rejectsWith(promise: Promise<unknown>, check: (error: unknown) => boolean, message: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(check(error), `${message}; got ${String(error)}`);
    return true;
  });
}

const sortedLinks = (links: EntityLink[]) =>
  [...links].sort((a, b) => a.entityKey.localeCompare(b.entityKey) || a.caseId.localeCompare(b.caseId));

/**
 * The executable `CaseStore` contract. Runner-agnostic: an adapter's test does
 * `for (const check of caseStoreConformance(factory)) it(check.name, check.run)`.
 * `createStore` must return a new, empty store on every call.
 */
export function caseStoreConformance(createStore: () => Promise<CaseStore>): ConformanceCase[] {
  const checks: ConformanceCase[] = [];
  const check = (name: string, body: (store: CaseStore) => Promise<void>) =>
    checks.push({ name: `CaseStore: ${name}`, run: async () => body(await createStore()) });

  /** One open case `case-1` with two alerts, two entity links and two timeline entries. */
  const seed = (store: CaseStore, tenantId = tenantA) =>
    store.applyChanges({
      tenantId,
      cases: [caseRecord(tenantId, 'case-1')],
      newAlerts: [
        storedAlert(tenantId, 'alert-1', 'case-1', { entities: ['ip:203.0.113.7', 'user:jane'] }),
        storedAlert(tenantId, 'alert-2', 'case-1', { entities: ['user:jane'], time: 2_000 }),
      ],
      entityLinks: [link('user:jane', 'case-1', 1_000, 2_000), link('ip:203.0.113.7', 'case-1', 1_000)],
      timeline: [note('case-1', 'entry-1', 5_000), note('case-1', 'entry-2', 5_000)],
    });

  check('writes a change set and reads every part of it back', async (store) => {
    await seed(store);
    const stored = await store.getCase(tenantA, 'case-1');
    assert.ok(stored);
    assert.deepEqual(stored, {
      ...caseRecord(tenantA, 'case-1'),
      alertIds: ['alert-1', 'alert-2'],
      entities: ['ip:203.0.113.7', 'user:jane'],
    });
    assert.deepEqual(await store.getCaseRecords(tenantA, ['case-1']), [caseRecord(tenantA, 'case-1')]);
    assert.deepEqual(
      await store.getAlert(tenantA, 'alert-1'),
      storedAlert(tenantA, 'alert-1', 'case-1', { entities: ['ip:203.0.113.7', 'user:jane'] }),
    );
    assert.deepEqual((await store.getAlerts(tenantA, ['alert-2', 'alert-1'])).map((alert) => alert.id).sort(), [
      'alert-1',
      'alert-2',
    ]);
    assert.deepEqual(await store.findAlertsByFingerprint(tenantA, ['fp-alert-2']), [
      { fingerprint: 'fp-alert-2', alertId: 'alert-2', caseId: 'case-1' },
    ]);
    assert.deepEqual(
      (await store.getTimeline(tenantA, 'case-1')).map((entry) => entry.id),
      ['entry-1', 'entry-2'],
    );
    assert.deepEqual(await store.getTimeline(tenantA, 'case-1'), [
      note('case-1', 'entry-1', 5_000),
      note('case-1', 'entry-2', 5_000),
    ]);
  });

  check('returns null or nothing for unknown ids', async (store) => {
    await seed(store);
    assert.equal(await store.getCase(tenantA, 'case-404'), null);
    assert.equal(await store.getAlert(tenantA, 'alert-404'), null);
    assert.deepEqual(await store.getCaseRecords(tenantA, ['case-404']), []);
    assert.deepEqual((await store.getCaseRecords(tenantA, ['case-404', 'case-1'])).length, 1);
    assert.deepEqual(await store.getAlerts(tenantA, ['alert-404']), []);
    assert.deepEqual(await store.findAlertsByFingerprint(tenantA, ['fp-404']), []);
    assert.deepEqual(await store.getTimeline(tenantA, 'case-404'), []);
    assert.deepEqual(await store.findEntityLinks(tenantA, ['user:nobody'], { from: 0, to: 1e12 }), []);
    assert.deepEqual(await store.listCases('tenant-empty'), { cases: [], nextCursor: null });
  });

  check('accepts consecutive versions and keeps the latest record', async (store) => {
    await seed(store);
    await store.applyChanges({
      tenantId: tenantA,
      cases: [caseRecord(tenantA, 'case-1', { version: 2, status: 'triaging', updatedAt: 6_000 })],
    });
    await store.applyChanges({
      tenantId: tenantA,
      cases: [
        caseRecord(tenantA, 'case-1', {
          version: 3,
          status: 'investigating',
          updatedAt: 7_000,
          assignee: 'analyst-1',
          milestones: { triagedAt: 7_000 },
          verdict: {
            value: 'true_positive',
            confidence: 0.9,
            decidedBy: { type: 'analyst', id: 'analyst-1' },
            at: 7_000,
          },
          tags: ['phishing'],
        }),
      ],
    });
    const stored = await store.getCase(tenantA, 'case-1');
    assert.equal(stored?.version, 3);
    assert.equal(stored?.status, 'investigating');
    assert.equal(stored?.assignee, 'analyst-1');
    assert.deepEqual(stored?.milestones, { triagedAt: 7_000 });
    assert.deepEqual(stored?.tags, ['phishing']);
    assert.equal(stored?.verdict?.value, 'true_positive');
    assert.deepEqual(stored?.alertIds, ['alert-1', 'alert-2']);
  });

  check('rejects a stale case version with ConflictError and writes nothing of the change set', async (store) => {
    await seed(store);
    const before = await store.getCase(tenantA, 'case-1');
    const conflicting: CaseChangeSet = {
      tenantId: tenantA,
      cases: [caseRecord(tenantA, 'case-2'), caseRecord(tenantA, 'case-1', { version: 3, title: 'stale' })],
      newAlerts: [storedAlert(tenantA, 'alert-3', 'case-2', { entities: ['host:ws-1'] })],
      alertUpdates: [{ alertId: 'alert-1', caseId: 'case-2', duplicatesAdded: 4, lastReceivedAt: 9_000 }],
      resetEntityLinks: ['case-1'],
      entityLinks: [link('host:ws-1', 'case-2', 1_000)],
      timeline: [note('case-1', 'entry-3', 6_000), note('case-2', 'entry-4', 6_000)],
    };
    await rejectsWith(
      store.applyChanges(conflicting),
      (error) => ConflictError.isInstance(error) && error.id === 'case-1' && error.actualVersion === 1,
      'expected a ConflictError for case-1 at version 1',
    );
    assert.deepEqual(await store.getCase(tenantA, 'case-1'), before);
    assert.equal(await store.getCase(tenantA, 'case-2'), null);
    assert.equal(await store.getAlert(tenantA, 'alert-3'), null);
    assert.equal((await store.getAlert(tenantA, 'alert-1'))?.duplicateCount, 0);
    assert.equal((await store.getAlert(tenantA, 'alert-1'))?.caseId, 'case-1');
    assert.deepEqual(await store.findAlertsByFingerprint(tenantA, ['fp-alert-3']), []);
    assert.deepEqual(await store.findEntityLinks(tenantA, ['host:ws-1'], { from: 0, to: 1e12 }), []);
    assert.equal((await store.findEntityLinks(tenantA, ['user:jane'], { from: 0, to: 1e12 })).length, 1);
    assert.deepEqual(
      (await store.getTimeline(tenantA, 'case-1')).map((entry) => entry.id),
      ['entry-1', 'entry-2'],
    );
    assert.deepEqual(await store.getTimeline(tenantA, 'case-2'), []);
  });

  check('rejects creating a case that already exists', async (store) => {
    await seed(store);
    await rejectsWith(
      store.applyChanges({
        tenantId: tenantA,
        cases: [caseRecord(tenantA, 'case-1', { title: 'again' })],
        timeline: [note('case-1', 'entry-3', 6_000)],
      }),
      (error) => ConflictError.isInstance(error),
      'expected a ConflictError',
    );
    assert.equal((await store.getCase(tenantA, 'case-1'))?.title, 'Case case-1');
    assert.equal((await store.getTimeline(tenantA, 'case-1')).length, 2);
  });

  check('rejects a version that skips ahead, and an update of a case that does not exist', async (store) => {
    await seed(store);
    await rejectsWith(
      store.applyChanges({ tenantId: tenantA, cases: [caseRecord(tenantA, 'case-1', { version: 5 })] }),
      (error) => ConflictError.isInstance(error),
      'expected a ConflictError for a skipped version',
    );
    await rejectsWith(
      store.applyChanges({ tenantId: tenantA, cases: [caseRecord(tenantA, 'case-9', { version: 2 })] }),
      (error) => ConflictError.isInstance(error) && error.actualVersion === undefined,
      'expected a ConflictError for a missing case',
    );
    assert.equal(await store.getCase(tenantA, 'case-9'), null);
  });

  check('rejects a taken alert fingerprint or id and writes nothing of the change set', async (store) => {
    await seed(store);
    for (const newAlert of [
      storedAlert(tenantA, 'alert-9', 'case-2', { fingerprint: 'fp-alert-1' }),
      storedAlert(tenantA, 'alert-1', 'case-2', { fingerprint: 'fp-new' }),
    ]) {
      await rejectsWith(
        store.applyChanges({
          tenantId: tenantA,
          cases: [caseRecord(tenantA, 'case-2')],
          newAlerts: [newAlert],
          timeline: [note('case-2', 'entry-9', 6_000)],
        }),
        (error) => ConflictError.isInstance(error),
        'expected a ConflictError',
      );
    }
    await rejectsWith(
      store.applyChanges({
        tenantId: tenantA,
        cases: [caseRecord(tenantA, 'case-2')],
        newAlerts: [
          storedAlert(tenantA, 'alert-8', 'case-2', { fingerprint: 'fp-same' }),
          storedAlert(tenantA, 'alert-9', 'case-2', { fingerprint: 'fp-same' }),
        ],
      }),
      (error) => ConflictError.isInstance(error),
      'expected a ConflictError for one fingerprint twice in a change set',
    );
    assert.equal(await store.getCase(tenantA, 'case-2'), null);
    assert.equal(await store.getAlert(tenantA, 'alert-8'), null);
    assert.equal(await store.getAlert(tenantA, 'alert-9'), null);
    assert.equal((await store.getAlert(tenantA, 'alert-1'))?.caseId, 'case-1');
    assert.deepEqual(await store.getTimeline(tenantA, 'case-2'), []);
  });

  check('rejects an update of an unknown alert with NotFoundError and writes nothing', async (store) => {
    await seed(store);
    await rejectsWith(
      store.applyChanges({
        tenantId: tenantA,
        cases: [caseRecord(tenantA, 'case-2')],
        alertUpdates: [{ alertId: 'alert-404', duplicatesAdded: 1 }],
      }),
      (error) => NotFoundError.isInstance(error),
      'expected a NotFoundError',
    );
    assert.equal(await store.getCase(tenantA, 'case-2'), null);
  });

  check('rejects a change set carrying another tenant’s record and writes nothing', async (store) => {
    await rejectsWith(
      store.applyChanges({
        tenantId: tenantA,
        cases: [caseRecord(tenantA, 'case-1')],
        newAlerts: [storedAlert(tenantB, 'alert-1', 'case-1')],
      }),
      (error) => ValidationError.isInstance(error),
      'expected a ValidationError',
    );
    assert.equal(await store.getCase(tenantA, 'case-1'), null);
    assert.equal(await store.getAlert(tenantB, 'alert-1'), null);
    assert.equal(await store.getAlert(tenantA, 'alert-1'), null);
  });

  check('keeps tenants apart, also for identical ids', async (store) => {
    await seed(store, tenantA);
    await store.applyChanges({
      tenantId: tenantB,
      cases: [caseRecord(tenantB, 'case-1', { title: 'B case', createdAt: 2_000 })],
      newAlerts: [storedAlert(tenantB, 'alert-1', 'case-1', { entities: ['user:jane'], fingerprint: 'fp-alert-1' })],
      entityLinks: [link('user:jane', 'case-1', 1_000)],
      timeline: [note('case-1', 'entry-b', 5_000)],
    });
    // Version counters are per tenant too: tenant B's case-1 moves on, tenant A's stays at 1.
    await store.applyChanges({
      tenantId: tenantB,
      cases: [caseRecord(tenantB, 'case-1', { title: 'B case', createdAt: 2_000, version: 2, status: 'closed' })],
    });
    const a = await store.getCase(tenantA, 'case-1');
    const b = await store.getCase(tenantB, 'case-1');
    assert.equal(a?.title, 'Case case-1');
    assert.equal(a?.version, 1);
    assert.deepEqual(a?.alertIds, ['alert-1', 'alert-2']);
    assert.equal(b?.title, 'B case');
    assert.deepEqual(b?.alertIds, ['alert-1']);
    assert.equal((await store.getAlert(tenantB, 'alert-2')) ?? null, null);
    assert.equal((await store.getAlert(tenantA, 'alert-1'))?.tenantId, tenantA);
    assert.equal((await store.getAlert(tenantB, 'alert-1'))?.tenantId, tenantB);
    assert.deepEqual(
      (await store.getAlerts(tenantB, ['alert-1', 'alert-2'])).map((alert) => alert.tenantId),
      [tenantB],
    );
    assert.deepEqual(
      (await store.getTimeline(tenantB, 'case-1')).map((entry) => entry.id),
      ['entry-b'],
    );
    assert.deepEqual(
      (await store.getTimeline(tenantA, 'case-1')).map((entry) => entry.id),
      ['entry-1', 'entry-2'],
    );
    assert.deepEqual(
      (await store.listCases(tenantA)).cases.map((record) => record.tenantId),
      [tenantA],
    );
    assert.deepEqual(
      (await store.listCases(tenantB)).cases.map((record) => record.title),
      ['B case'],
    );
    assert.deepEqual(
      (await store.getCaseRecords(tenantB, ['case-1'])).map((record) => record.title),
      ['B case'],
    );
    assert.deepEqual(await store.findAlertsByFingerprint(tenantB, ['fp-alert-1', 'fp-alert-2']), [
      { fingerprint: 'fp-alert-1', alertId: 'alert-1', caseId: 'case-1' },
    ]);
    // Tenant B's case-1 is closed: its link is not found, and tenant A's link never is for tenant B.
    assert.deepEqual(await store.findEntityLinks(tenantB, ['user:jane'], { from: 0, to: 1e12 }), []);
    assert.deepEqual(await store.findEntityLinks(tenantA, ['user:jane'], { from: 0, to: 1e12 }), [
      link('user:jane', 'case-1', 1_000, 2_000),
    ]);
    assert.equal(await store.getCase('tenant-c', 'case-1'), null);
  });

  check('returns snapshots: changing a returned record changes nothing stored', async (store) => {
    await seed(store);
    const first = await store.getCase(tenantA, 'case-1');
    assert.ok(first);
    first.title = 'changed';
    first.alertIds.push('alert-x');
    first.milestones.triagedAt = 1;
    const again = await store.getCase(tenantA, 'case-1');
    assert.equal(again?.title, 'Case case-1');
    assert.deepEqual(again?.alertIds, ['alert-1', 'alert-2']);
    assert.deepEqual(again?.milestones, {});
  });

  check('keeps timeline entries in append order across change sets and pages them', async (store) => {
    await seed(store);
    // Append order wins over `at`: an entry may record an earlier instant than the one before it.
    await store.applyChanges({ tenantId: tenantA, timeline: [note('case-1', 'entry-3', 4_000)] });
    await store.applyChanges({
      tenantId: tenantA,
      timeline: [note('case-1', 'entry-4', 9_000), note('case-1', 'entry-5', 1_000), note('case-1', 'entry-6', 9_000)],
    });
    const ids = (entries: TimelineEntry[]) => entries.map((entry) => entry.id);
    assert.deepEqual(ids(await store.getTimeline(tenantA, 'case-1')), [
      'entry-1',
      'entry-2',
      'entry-3',
      'entry-4',
      'entry-5',
      'entry-6',
    ]);
    assert.deepEqual(ids(await store.getTimeline(tenantA, 'case-1', { limit: 2 })), ['entry-1', 'entry-2']);
    assert.deepEqual(ids(await store.getTimeline(tenantA, 'case-1', { offset: 2, limit: 3 })), [
      'entry-3',
      'entry-4',
      'entry-5',
    ]);
    assert.deepEqual(ids(await store.getTimeline(tenantA, 'case-1', { offset: 5 })), ['entry-6']);
    assert.deepEqual(ids(await store.getTimeline(tenantA, 'case-1', { offset: 6 })), []);
  });

  check('pages cases newest first with a cursor and filters them by status', async (store) => {
    const specs: [string, number, CaseRecord['status']][] = [
      ['case-a', 3_000, 'new'],
      ['case-b', 1_000, 'triaging'],
      ['case-c', 3_000, 'closed'],
      ['case-d', 2_000, 'new'],
      ['case-e', 3_000, 'new'],
      ['case-f', 500, 'resolved'],
      ['case-g', 2_000, 'investigating'],
    ];
    await store.applyChanges({
      tenantId: tenantA,
      cases: specs.map(([id, createdAt, status]) => caseRecord(tenantA, id, { createdAt, status })),
    });
    await store.applyChanges({ tenantId: tenantB, cases: [caseRecord(tenantB, 'case-z', { createdAt: 2_500 })] });
    const expected = ['case-e', 'case-c', 'case-a', 'case-g', 'case-d', 'case-b', 'case-f'];
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listCases(tenantA, { limit: 3, cursor });
      assert.ok(page.cases.length <= 3);
      seen.push(...page.cases.map((record) => record.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 10);
    assert.deepEqual(seen, expected);
    assert.equal(pages, 3);
    assert.deepEqual(
      (await store.listCases(tenantA, { status: 'new' })).cases.map((record) => record.id),
      ['case-e', 'case-a', 'case-d'],
    );
    const open = await store.listCases(tenantA, { status: ['triaging', 'investigating'], limit: 1 });
    assert.deepEqual(
      open.cases.map((record) => record.id),
      ['case-g'],
    );
    assert.ok(open.nextCursor);
    const rest = await store.listCases(tenantA, { status: ['triaging', 'investigating'], cursor: open.nextCursor });
    assert.deepEqual(rest, { cases: [(await store.getCase(tenantA, 'case-b'))!], nextCursor: null });
    assert.deepEqual((await store.listCases(tenantA, { limit: 7 })).nextCursor, null);
    await assert.rejects(store.listCases(tenantA, { cursor: 'not-a-cursor' }), (error: unknown) =>
      RampartError.isInstance(error),
    );
  });

  check('finds entity links that overlap a window, on open cases, for correlating entities only', async (store) => {
    await store.applyChanges({
      tenantId: tenantA,
      cases: [
        caseRecord(tenantA, 'case-open'),
        caseRecord(tenantA, 'case-late', { status: 'investigating' }),
        caseRecord(tenantA, 'case-resolved', { status: 'resolved' }),
        caseRecord(tenantA, 'case-closed', { status: 'closed' }),
      ],
      entityLinks: [
        link('user:jane', 'case-open', 100, 200),
        link('user:jane', 'case-late', 500, 600),
        link('user:jane', 'case-resolved', 100, 200),
        link('user:jane', 'case-closed', 100, 200),
        link('ip:203.0.113.7', 'case-open', 150),
        { ...link('host:localhost', 'case-open', 150), correlates: false },
      ],
    });
    const find = async (keys: string[], from: number, to: number) =>
      sortedLinks(await store.findEntityLinks(tenantA, keys, { from, to }));
    assert.deepEqual(await find(['user:jane'], 0, 1_000), [
      link('user:jane', 'case-late', 500, 600),
      link('user:jane', 'case-open', 100, 200),
    ]);
    assert.deepEqual(await find(['user:jane'], 200, 499), [link('user:jane', 'case-open', 100, 200)]);
    assert.deepEqual(await find(['user:jane'], 201, 499), []);
    assert.deepEqual(await find(['user:jane'], 0, 99), []);
    assert.deepEqual(await find(['user:jane'], 600, 600), [link('user:jane', 'case-late', 500, 600)]);
    assert.deepEqual(await find(['user:jane', 'ip:203.0.113.7', 'host:localhost', 'user:other'], 150, 150), [
      link('ip:203.0.113.7', 'case-open', 150),
      link('user:jane', 'case-open', 100, 200),
    ]);
    // The excluded entity still belongs to the case's entity list.
    assert.deepEqual((await store.getCase(tenantA, 'case-open'))?.entities, [
      'host:localhost',
      'ip:203.0.113.7',
      'user:jane',
    ]);
    // A case that is closed later drops out of lookups.
    await store.applyChanges({
      tenantId: tenantA,
      cases: [caseRecord(tenantA, 'case-late', { version: 2, status: 'resolved' })],
    });
    assert.deepEqual(await find(['user:jane'], 0, 1_000), [link('user:jane', 'case-open', 100, 200)]);
  });

  check('widens an entity link on upsert, and rebuilds a case’s links after a reset', async (store) => {
    await store.applyChanges({
      tenantId: tenantA,
      cases: [caseRecord(tenantA, 'case-1')],
      entityLinks: [link('user:jane', 'case-1', 100, 200), link('ip:203.0.113.7', 'case-1', 100)],
    });
    await store.applyChanges({ tenantId: tenantA, entityLinks: [link('user:jane', 'case-1', 50, 150)] });
    await store.applyChanges({ tenantId: tenantA, entityLinks: [link('user:jane', 'case-1', 300)] });
    assert.deepEqual(await store.findEntityLinks(tenantA, ['user:jane'], { from: 0, to: 1_000 }), [
      link('user:jane', 'case-1', 50, 300),
    ]);
    await store.applyChanges({
      tenantId: tenantA,
      resetEntityLinks: ['case-1'],
      entityLinks: [link('user:jane', 'case-1', 250, 260), link('host:ws-1', 'case-1', 250)],
    });
    assert.deepEqual(
      sortedLinks(
        await store.findEntityLinks(tenantA, ['user:jane', 'ip:203.0.113.7', 'host:ws-1'], { from: 0, to: 1_000 }),
      ),
      [link('host:ws-1', 'case-1', 250), link('user:jane', 'case-1', 250, 260)],
    );
    assert.deepEqual((await store.getCase(tenantA, 'case-1'))?.entities, ['host:ws-1', 'user:jane']);
  });

  check('moves alerts between cases, keeping insertion order, and adds up duplicate counts', async (store) => {
    await seed(store);
    await store.applyChanges({
      tenantId: tenantA,
      cases: [caseRecord(tenantA, 'case-2')],
      newAlerts: [storedAlert(tenantA, 'alert-3', 'case-2')],
    });
    await store.applyChanges({
      tenantId: tenantA,
      alertUpdates: [
        { alertId: 'alert-1', caseId: 'case-2' },
        { alertId: 'alert-2', duplicatesAdded: 2, lastReceivedAt: 8_000 },
      ],
    });
    await store.applyChanges({
      tenantId: tenantA,
      alertUpdates: [{ alertId: 'alert-2', duplicatesAdded: 3, lastReceivedAt: 7_000 }],
    });
    assert.deepEqual((await store.getCase(tenantA, 'case-1'))?.alertIds, ['alert-2']);
    assert.deepEqual((await store.getCase(tenantA, 'case-2'))?.alertIds, ['alert-1', 'alert-3']);
    assert.equal((await store.getAlert(tenantA, 'alert-1'))?.caseId, 'case-2');
    assert.deepEqual(await store.findAlertsByFingerprint(tenantA, ['fp-alert-1']), [
      { fingerprint: 'fp-alert-1', alertId: 'alert-1', caseId: 'case-2' },
    ]);
    const duplicated = await store.getAlert(tenantA, 'alert-2');
    assert.equal(duplicated?.duplicateCount, 5);
    assert.equal(duplicated?.lastReceivedAt, 8_000);
    assert.equal(duplicated?.receivedAt, 5_000);
    // Moving every alert of a case out leaves it empty, moving one back restores the order.
    await store.applyChanges({
      tenantId: tenantA,
      alertUpdates: [
        { alertId: 'alert-2', caseId: 'case-2' },
        { alertId: 'alert-3', caseId: 'case-1' },
      ],
    });
    assert.deepEqual((await store.getCase(tenantA, 'case-1'))?.alertIds, ['alert-3']);
    assert.deepEqual((await store.getCase(tenantA, 'case-2'))?.alertIds, ['alert-1', 'alert-2']);
  });

  return checks;
}
