import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '@rampart/core';
import { sqliteStores } from '@rampart/store-sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleBasedReasoner } from '../reasoner/rule-based-reasoner.js';
import { alerts, clockAt, executed, fixtureTools, prefixedIds } from './__fixtures__/soc-fixtures.js';
import { createSoc } from './create-soc.js';

const directory = mkdtempSync(join(tmpdir(), 'rampart-soc-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const tenantId = 'acme';
const governance = { criticalAssets: ['host:srv-db-01.corp.acme.example'] };

describe('a paused run across a process restart', () => {
  it('pauses on a SQLite file, is dropped entirely, and resumes from the reopened file after approval', async () => {
    const path = join(directory, 'rampart.db');
    const fixture = fixtureTools();

    // "Process" one: handle the alert until it pauses for approval, then drop every object.
    let approvalId: string;
    let caseId: string;
    {
      const stores = sqliteStores(path);
      const soc = createSoc({
        stores,
        model: ruleBasedReasoner(),
        tools: fixture.tools,
        governance,
        clock: clockAt(),
        ids: prefixedIds('first'),
      });
      const paused = await soc.handle(alerts.serverMalware, { tenantId });
      expect(paused.status).toBe('paused');
      approvalId = paused.pendingApprovals[0]!.approvalId;
      caseId = paused.case.id;
      stores.close();
    }
    expect(executed(fixture.calls)).not.toContain('containHost');

    // "Process" two: everything built anew from the file alone.
    const stores = sqliteStores(path);
    try {
      const soc = createSoc({
        stores,
        model: ruleBasedReasoner(),
        tools: fixture.tools,
        governance,
        clock: clockAt(),
        ids: prefixedIds('second'),
      });
      expect(await soc.pendingApprovals({ tenantId })).toMatchObject([{ approvalId, tool: 'containHost' }]);
      const result = await soc.approve(approvalId, {
        by: 'dana',
        roles: ['soc-lead'],
        rationale: 'confirmed on the console',
      });
      expect(result.status).toBe('completed');
      expect(result.case.id).toBe(caseId);
      expect(result.case.status).toBe('resolved');
      expect(executed(fixture.calls).filter((tool) => tool === 'containHost')).toHaveLength(1);
      expect(result.actions.map((action) => `${action.tool} ${action.status}`)).toEqual([
        'containHost executed',
        'createTicket executed',
        'postChat executed',
      ]);
      const audit = await AuditLog.open(stores.audit);
      expect(await audit.verify()).toMatchObject({ ok: true, size: result.auditHead.treeSize });
    } finally {
      stores.close();
    }
  });
});
