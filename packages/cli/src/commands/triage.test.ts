import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteStores } from '@rampart/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsFile, run, scenarioFile, temporaryDirectory } from '../../test/cli-harness.js';
import type { CaseView } from '../case-view.js';

interface TriageOutput {
  source: string;
  tenantId: string;
  alerts: number;
  cases: CaseView[];
}

let directory: string;
beforeAll(() => {
  directory = temporaryDirectory();
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const mfaAlerts = alertsFile('okta-mfa-fatigue.json');
const mfaWorld = scenarioFile('mfa-fatigue-vip');

describe('rampart triage', () => {
  it('normalizes native alerts, works them against the scenario world and leaves approvals waiting', async () => {
    const { code, stdout, stderr } = await run('triage', mfaAlerts, '--source', 'okta', '--scenario-world', mfaWorld);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^triage: 2 okta alert\(s\) from .* → 1 case\(s\) · tenant acme · sandbox scenario /);
    expect(stdout).toMatch(/verdict true_positive/);
    expect(stdout).toMatch(/waiting for approval:\n {4}approval_\d+ \w*suspendUser \(contain\): .*VIP/);
    expect(stdout).toMatch(/\w*suspendUser\(userId=00u1janedoe4Xk9Q2p7\) \[contain\] pending-approval {2}key idem_/);
  });

  it('--json prints each case with its verdict, actions, idempotency keys and timeline', async () => {
    const { code, stdout } = await run('triage', mfaAlerts, '--source', 'okta', '--scenario-world', mfaWorld, '--json');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as TriageOutput;
    expect(output).toMatchObject({ source: 'okta', tenantId: 'acme', alerts: 2 });
    expect(output.cases).toHaveLength(1);
    const [view] = output.cases as [CaseView];
    expect(Object.keys(view)).toEqual(
      expect.arrayContaining(['id', 'status', 'verdict', 'confidence', 'severity', 'entities', 'actions', 'timeline']),
    );
    expect(view).toMatchObject({ verdict: 'true_positive', severity: 'High', status: 'responding' });
    expect(view.confidence).toBeGreaterThan(0.5);
    expect(view.entities).toEqual(expect.arrayContaining(['email:jane.doe@acme.example', 'ip:203.0.113.77']));
    const suspend = view.actions.find((action) => /suspendUser$/.test(action.tool));
    expect(suspend).toMatchObject({ risk: 'contain', status: 'pending-approval' });
    expect(suspend?.idempotencyKey).toMatch(/^idem_/);
    expect(view.pendingApprovals[0]?.approvalId).toMatch(/^approval_/);
    expect(view.timeline[0]).toMatchObject({ type: 'alert-added', actor: 'system:case-engine' });
    expect(view.timeline.map((entry) => entry.type)).toContain('verdict-set');
    expect(view.timeline.every((entry) => typeof entry.summary === 'string' && !Number.isNaN(Date.parse(entry.at))));
  });

  it('without a world, nothing the alerts name exists: the verdict stays open and nothing is done', async () => {
    const { code, stdout } = await run('triage', mfaAlerts, '--source', 'okta', '--json');
    expect(code).toBe(0);
    const [view] = (JSON.parse(stdout) as TriageOutput).cases as [CaseView];
    expect(view.tenantId).toBe('sandbox');
    expect(view.actions.filter((action) => action.status === 'executed' && action.risk !== 'read')).toEqual([]);
    expect(view.verdict).not.toBe('true_positive');
  });

  it('reads a vendor list envelope (a Defender OData page) with the package that knows it', async () => {
    // The connector package's recorded `GET /api/alerts` body: `{ "@odata.context": …, "value": [3 alerts] }`.
    const envelope = fileURLToPath(
      new URL('../../../integrations/microsoft-defender-endpoint/src/__fixtures__/alerts-list.json', import.meta.url),
    );
    const { code, stdout } = await run('triage', envelope, '--source', 'microsoft-defender-endpoint', '--json');
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as TriageOutput;
    expect(output.alerts).toBe(3);
    expect(output.cases.flatMap((view) => view.alertIds)).toHaveLength(3);
  });

  it('keeps the cases and the audit log in --db, where audit verify and report find them', async () => {
    const databasePath = join(directory, 'triage.db');
    const { code, stdout } = await run(
      'triage',
      mfaAlerts,
      '--source',
      'okta',
      '--scenario-world',
      mfaWorld,
      '--db',
      databasePath,
      '--json',
    );
    expect(code).toBe(0);
    const [view] = (JSON.parse(stdout) as TriageOutput).cases as [CaseView];
    const stores = sqliteStores(databasePath);
    try {
      expect((await stores.cases.getCase('acme', view.id))?.verdict?.value).toBe('true_positive');
    } finally {
      stores.close();
    }
    expect((await run('audit', 'verify', '--db', databasePath)).code).toBe(0);
  });

  it('names the item path of a payload no normalizer recognises, and exits 1', async () => {
    const { code, stderr, stdout } = await run('triage', alertsFile('okta-not-an-event.json'), '--source', 'okta');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('okta-not-an-event.json');
    expect(stderr).toMatch(/ {2}\[1\]: no okta normalizer recognises this item/);
  });

  it('names the field of a recognised item that does not parse', async () => {
    // Falcon alerts are recognised by their composite_id, so a bad field is reported where it is.
    const detection = {
      composite_id: 'cid:ind:aid:1-2-3',
      display_name: 'Suspicious process',
      severity_name: 'High',
      created_timestamp: '2026-03-03T13:59:30Z',
      device: { hostname: 'WS-1' },
    };
    const bad = join(directory, 'bad-falcon.json');
    writeFileSync(bad, JSON.stringify({ resources: [detection, { ...detection, created_timestamp: 'yesterday' }] }));
    const { code, stderr } = await run('triage', bad, '--source', 'crowdstrike-falcon');
    expect(code).toBe(1);
    expect(stderr).toMatch(/ {2}resources\[1\]\.created_timestamp: /);
  });

  it.each([
    [['--source', 'no-such-vendor'], /connector "no-such-vendor" is not installed/],
    [['--source', 'Not An Id'], /"Not An Id" is not a connector id/],
    [['--source', 'virustotal'], /"virustotal" emits no alerts/],
  ])('exits 2 for %j', async (options, message) => {
    const { code, stderr } = await run('triage', mfaAlerts, ...options);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 for a file that does not exist', async () => {
    const { code, stderr } = await run('triage', join(directory, 'nowhere.json'), '--source', 'okta');
    expect(code).toBe(2);
    expect(stderr).toContain('cannot read');
  });

  it('reports a world file that is not a world, by path', async () => {
    const world = join(directory, 'world.json');
    writeFileSync(world, JSON.stringify({ users: [{ email: 'not-an-email', name: 'X' }] }));
    const { code, stderr } = await run('triage', mfaAlerts, '--source', 'okta', '--scenario-world', world);
    expect(code).toBe(1);
    expect(stderr).toMatch(/users\[0\]\.email/);
  });
});
