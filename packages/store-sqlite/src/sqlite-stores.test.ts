import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, createCaseEngine, ManualClock, sequentialIds } from '@rampart/core';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteStores } from './sqlite-stores.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const alert = {
  class_uid: 2004,
  category_uid: 2,
  severity_id: 4,
  time: Date.UTC(2026, 10, 27, 9),
  finding_info: { uid: 'finding-1', title: 'Credential dumping on a server' },
  observables: [{ name: 'device.hostname', type_id: 1, value: 'srv-01.acme.example' }],
  metadata: { product: { vendor_name: 'CrowdStrike', name: 'Falcon' } },
};

describe('sqliteStores', () => {
  it('keeps cases and the audit log of one file across a reopen, creating the folder', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'rampart-stores-'));
    directories.push(directory);
    const path = join(directory, 'nested', 'rampart.db');

    const first = sqliteStores(path);
    const audit = await AuditLog.open(first.audit);
    const engine = createCaseEngine({
      store: first.cases,
      audit,
      clock: new ManualClock(alert.time),
      ids: sequentialIds(),
      correlationWindowMs: 3_600_000,
    });
    const result = await engine.ingest([alert], { tenantId: 'acme' });
    const size = await audit.size();
    first.close();

    const second = sqliteStores(path);
    const reopened = await AuditLog.open(second.audit);
    expect(await reopened.size()).toBe(size);
    expect(size).toBeGreaterThan(0);
    expect((await reopened.verify()).ok).toBe(true);
    const stored = await second.cases.getCase('acme', result.cases[0]!.id);
    expect(stored?.alertIds).toHaveLength(1);
    second.close();
  });
});
