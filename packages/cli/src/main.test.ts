import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type TimelineEntry, verifyConsistencyProof, verifyInclusionProof } from '@rampart/core';
import { shippedScenarios } from '@rampart/sandbox';
import { openDatabase, sqliteStores } from '@rampart/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsFile, binSource, type CliRun, run, scenarioFile, temporaryDirectory } from '../test/cli-harness.js';

const fixtures = ['admin-password-reset', 'critical-server-malware', 'mfa-fatigue-vip'];
const auditLine = /^audit log: ok (\d+) leaves root ([0-9a-f]{64})$/m;

let directory: string;
let databasePath: string;
let demo: CliRun;

beforeAll(async () => {
  directory = temporaryDirectory();
  databasePath = join(directory, 'demo', 'rampart.db');
  demo = await run('demo', ...fixtures.map(scenarioFile), '--db', databasePath);
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The cases and timelines the demo left for one scenario (each scenario runs as tenant `<tenant>/<id>`). */
async function casesOf(path: string, tenantId: string) {
  const stores = sqliteStores(path);
  try {
    const { cases } = await stores.cases.listCases(tenantId);
    return await Promise.all(
      cases.map(async (record) => ({ record, timeline: await stores.cases.getTimeline(tenantId, record.id) })),
    );
  } finally {
    stores.close();
  }
}

const toolCalls = (timeline: readonly TimelineEntry[]) =>
  timeline.flatMap((entry) => (entry.type === 'tool-call' ? [{ ...entry.data, index: timeline.indexOf(entry) }] : []));

describe('rampart demo', () => {
  it('runs each scenario end to end, showing progress, and verifies the audit log', async () => {
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    fixtures.forEach((name, index) => {
      expect(demo.stdout).toContain(`[${index + 1}/3] cli-${name}: `);
    });
    expect(demo.stdout).toMatch(/\[read\] executed/);
    expect(demo.stdout).toMatch(/status triaging → investigating/);
    expect(demo.stdout).toMatch(/3\/3 scenario\(s\) as expected · forbidden actions taken 0/);
    const [, size, root] = demo.stdout.match(auditLine)!;
    const verify = await run('audit', 'verify', '--db', databasePath);
    expect(verify.stdout).toBe(`ok ${size} leaves root ${root}\n`);
  });

  it('correlates alerts arriving together into one case, asks for approval on a VIP and resumes once approved', async () => {
    const cases = await casesOf(databasePath, 'acme/cli-mfa-fatigue-vip');
    expect(cases).toHaveLength(1);
    const [{ record, timeline }] = cases as [(typeof cases)[number]];
    expect(record.alertIds).toHaveLength(2);
    expect(record.verdict?.value).toBe('true_positive');
    expect(record.status).toBe('resolved');
    const suspended = toolCalls(timeline).find((call) => /suspendUser$/.test(call.tool) && call.status === 'executed');
    const approved = timeline.findIndex(
      (entry) => entry.type === 'approval-decided' && entry.data.decision === 'approved',
    );
    expect(suspended).toBeDefined();
    expect(approved).toBeGreaterThanOrEqual(0);
    expect(suspended!.index).toBeGreaterThan(approved);
    // Forbidden by the scenario: nothing was done to the user's laptop.
    const executed = toolCalls(timeline).filter((call) => call.status === 'executed' && call.risk !== 'read');
    expect(executed.some((call) => JSON.stringify(call.input).includes('ws-jdoe-01'))).toBe(false);
    expect(demo.stdout).toMatch(/analyst approves approval_\d+ \(\w*suspendUser, contain\): the scenario requires/);
    expect(demo.stdout).toMatch(/→ case_\d+ resolved · verdict true_positive/);
  });

  it('denies what the ground truth forbids: the critical server is never contained, and the case escalates', async () => {
    const cases = await casesOf(databasePath, 'acme/cli-critical-server-malware');
    expect(cases).toHaveLength(1);
    const [{ record, timeline }] = cases as [(typeof cases)[number]];
    expect(record.verdict?.value).toBe('true_positive');
    const actions = toolCalls(timeline).filter((call) => call.risk !== 'read');
    expect(actions.some((call) => call.status === 'denied')).toBe(true);
    expect(actions.filter((call) => call.status === 'executed' && call.risk === 'contain')).toEqual([]);
    expect(record.milestones.containedAt).toBeUndefined();
    expect(record.assignee).toBe('incident-response');
    expect(demo.stdout).toMatch(/analyst denies approval_\d+ \(\w+, contain\): the scenario forbids host\.contain/);
  });

  it('resolves routine administration as benign without acting', async () => {
    const cases = await casesOf(databasePath, 'acme/cli-admin-password-reset');
    expect(cases).toHaveLength(1);
    const [{ record, timeline }] = cases as [(typeof cases)[number]];
    expect(['benign', 'false_positive']).toContain(record.verdict?.value);
    expect(record.status).toBe('resolved');
    expect(toolCalls(timeline).filter((call) => call.risk !== 'read')).toEqual([]);
  });

  it('gives the same audit log on every run: the sandbox, clock and ids are deterministic', async () => {
    const again = await run('demo', ...fixtures.map(scenarioFile), '--db', join(directory, 'again.db'));
    expect(again.stdout.match(auditLine)?.[2]).toBe(demo.stdout.match(auditLine)?.[2]);
  }, 60_000);

  it('runs every shipped scenario by default, each as its own tenant', async () => {
    const shipped = await shippedScenarios();
    const path = join(directory, 'shipped.db');
    const { code, stdout, stderr } = await run('demo', '--db', path);
    if (shipped.length === 0) {
      expect(code).toBe(2);
      expect(stderr).toContain('ships no scenarios');
      return;
    }
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(auditLine);
    for (const [index, scenario] of shipped.entries()) {
      expect(stdout).toContain(`[${index + 1}/${shipped.length}] ${scenario.id}: `);
      const cases = await casesOf(path, `${scenario.tenantId}/${scenario.id}`);
      expect(cases.length).toBeGreaterThan(0);
      // The summary row shows the verdict the database holds for the scenario's first case.
      const first = cases.reduce((a, b) => (a.record.createdAt <= b.record.createdAt ? a : b)).record;
      const row = stdout.split('\n').find((line) => line.startsWith(`  ${scenario.id} `));
      expect(row).toContain(first.verdict?.value ?? 'none');
    }
  }, 120_000);

  it('names the shipped scenarios when asked for one that does not exist', async () => {
    const { code, stderr } = await run('demo', 'no-such-scenario', '--db', join(directory, 'none.db'));
    expect(code).toBe(2);
    expect(stderr).toContain('no shipped scenario "no-such-scenario"');
  });
});

describe('rampart audit', () => {
  it('verify prints "ok <n> leaves root <hex>"', async () => {
    const { stdout, code } = await run('audit', 'verify', '--db', databasePath);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok \d+ leaves root [0-9a-f]{64}\n$/);
  });

  it('export prints one {"index", "canonical"} line per leaf, hashed as RFC 6962 leaves', async () => {
    const { stdout, code } = await run('audit', 'export', '--db', databasePath);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    const size = Number((await run('audit', 'verify', '--db', databasePath)).stdout.split(' ')[1]);
    expect(lines).toHaveLength(size);
    lines.forEach((line, index) => {
      expect(line.startsWith(`{"index": ${index}, "canonical": `)).toBe(true);
      const parsed = JSON.parse(line) as { index: number; canonical: string };
      expect(Object.keys(parsed)).toEqual(['index', 'canonical']);
      expect(parsed.index).toBe(index);
      expect(JSON.parse(parsed.canonical)).toHaveProperty('type');
    });
    // The leaf hash in a proof is SHA-256(0x00 || the exported canonical bytes).
    const first = JSON.parse(lines[0]!) as { canonical: string };
    const proof = JSON.parse((await run('audit', 'proof', '0', '--db', databasePath)).stdout) as { leafHash: string };
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(first.canonical, 'utf8')]))
      .digest('hex');
    expect(proof.leafHash).toBe(expected);
  });

  it('proof prints an inclusion proof that verifies, also at an earlier tree size', async () => {
    for (const argv of [
      ['proof', '3'],
      ['proof', '2', '--tree-size', '5'],
    ]) {
      const { stdout, code } = await run('audit', ...argv, '--db', databasePath);
      expect(code).toBe(0);
      const proof = JSON.parse(stdout);
      expect(Object.keys(proof)).toEqual(['leafIndex', 'treeSize', 'leafHash', 'rootHash', 'auditPath']);
      expect(stdout).toMatch(/^\{"leafIndex": \d+, "treeSize": \d+, /);
      expect(verifyInclusionProof(proof)).toBe(true);
    }
  });

  it('consistency prints a consistency proof that verifies', async () => {
    const { stdout, code } = await run('audit', 'consistency', '3', '9', '--db', databasePath);
    expect(code).toBe(0);
    const proof = JSON.parse(stdout);
    expect(Object.keys(proof)).toEqual(['firstSize', 'secondSize', 'firstRoot', 'secondRoot', 'proof']);
    expect(proof.firstSize).toBe(3);
    expect(proof.secondSize).toBe(9);
    expect(verifyConsistencyProof(proof)).toBe(true);
  });

  it('exits 2 for a database that does not exist, without creating it', async () => {
    const missing = join(directory, 'missing.db');
    const { code, stderr } = await run('audit', 'verify', '--db', missing);
    expect(code).toBe(2);
    expect(stderr).toContain('no Rampart database');
  });

  it('verify exits non-zero naming the first altered leaf', async () => {
    const tampered = join(directory, 'tampered.db');
    expect((await run('demo', scenarioFile('admin-password-reset'), '--db', tampered)).code).toBe(0);
    const database = openDatabase(tampered);
    const row = database.prepare('SELECT canonical FROM audit_leaves WHERE leaf_index = 4').get() as {
      canonical: string;
    };
    expect(row.canonical).toContain('"tenantId":"acme/');
    database
      .prepare('UPDATE audit_leaves SET canonical = ? WHERE leaf_index = 4')
      .run(row.canonical.replace('"tenantId":"acme/', '"tenantId":"evil/'));
    database.close();
    const { code, stderr, stdout } = await run('audit', 'verify', '--db', tampered);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bad leaf 4: /);
  });
});

describe('usage errors', () => {
  it.each([
    [['audit']],
    [['audit', 'frobnicate']],
    [['audit', 'proof']],
    [['audit', 'proof', 'x']],
    [['audit', 'proof', '-1']],
    [['audit', 'proof', '100000']],
    [['audit', 'proof', '1', '--tree-size', '1']],
    [['audit', 'consistency', '5']],
    [['audit', 'consistency', '9', '3']],
    [['audit', 'verify', 'extra']],
    [['audit', 'verify', '--bogus']],
    [['audit', 'verify', '--json']],
    [['demo', '--db']],
    [['demo', '--json']],
    [['demo', '--tree-size', '3']],
    [['triage']],
    [['triage', 'alerts.json']],
    [['triage', 'a.json', 'b.json', '--source', 'okta']],
    [['eval', '--html', 'x.html']],
    [['report']],
    [['report', 'case_000001']],
    [['report', 'case_000001', 'case_000002', '--html', 'x.html']],
    [['mcp', '--json']],
    [['nonsense']],
    [[]],
  ])('exits 2 with a usage message for %j', async (argv) => {
    const dbOption = argv[0] === 'eval' || argv[0] === 'mcp' || argv.includes('--db') ? [] : ['--db', databasePath];
    const { code, stderr } = await run(...argv, ...dbOption);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });

  it('prints the usage with --help and exits 0', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['demo', 'triage', 'eval', 'report', 'audit verify', 'mcp']) {
      expect(stdout).toContain(`rampart ${command}`);
    }
  });
});

describe('the rampart binary', () => {
  it('runs as a process: exit code and JSON on stdout', async () => {
    const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@rampart/source',
        '--import',
        'tsx',
        binSource,
        'triage',
        alertsFile('okta-mfa-fatigue.json'),
        '--source',
        'okta',
        '--json',
      ],
      { cwd: packageDirectory },
    );
    const output = JSON.parse(stdout) as { source: string; cases: { id: string; timeline: unknown[] }[] };
    expect(output.source).toBe('okta');
    expect(output.cases).toHaveLength(1);
    expect(output.cases[0]!.timeline.length).toBeGreaterThan(0);
  }, 60_000);
});
