import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type InclusionProof, verifyInclusionProof } from '@rampart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsFile, run, scenarioFile, temporaryDirectory } from '../../test/cli-harness.js';

let directory: string;
let databasePath: string;

beforeAll(async () => {
  directory = temporaryDirectory();
  databasePath = join(directory, 'demo.db');
  const demo = await run(
    'demo',
    scenarioFile('critical-server-malware'),
    scenarioFile('mfa-fatigue-vip'),
    '--db',
    databasePath,
  );
  expect(demo.code).toBe(0);
}, 120_000);
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const textOf = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');

/** The inclusion proofs the report shows, read back from its `<pre>` blocks. */
function proofsIn(document: string): InclusionProof[] {
  return [...document.matchAll(/<pre>(\{\s*&quot;leafIndex[\s\S]*?)<\/pre>/g)].map(
    (match) => JSON.parse(textOf(match[1]!)) as InclusionProof,
  );
}

describe('rampart report', () => {
  it('writes a self-contained page: header, timeline, evidence, decision trace and audit proofs', async () => {
    const file = join(directory, 'reports', 'mfa.html');
    // case_000002 is the second scenario's case; its tenant is found in the audit log.
    const { code, stdout, stderr } = await run('report', 'case_000002', '--html', file, '--db', databasePath);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^report: .*mfa\.html \(case case_000002, tenant acme\/cli-mfa-fatigue-vip; .* (\d+)\/\1 audit leaves proven/,
    );
    const page = readFileSync(file, 'utf8');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    // Nothing to fetch and nothing to run.
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(/i);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);

    expect(page).toMatch(/<h1>User rejected Okta push verify/);
    expect(page).toContain('status resolved');
    expect(page).toMatch(/verdict true_positive \(confidence 0\.\d\d\)/);
    expect(page).toContain('severity High');
    expect(page).toMatch(/time to contain<\/td><td>5 m 0\d s<\/td><td>1 h 00 m<\/td><td><span class="badge good">met/);
    for (const section of ['Timeline', 'Evidence', 'Decision trace', 'Audit proofs']) {
      expect(page).toContain(`<h2>${section}</h2>`);
    }
    expect(page).toContain('203.0.113.77');
    expect(page).toMatch(/approval_\d+<\/code><\/td><td>\w*suspendUser \(contain\)/);
    expect(page).toMatch(/<span class="badge good">approved<\/span> by analyst:demo-analyst/);
    expect(page).toMatch(
      /<td>\w*suspendUser<\/td><td>contain<\/td><td><span class="badge good">executed<\/span><\/td><td><code>idem_/,
    );
    expect(page).toContain('rampart audit proof');
  }, 60_000);

  it('proves every leaf of the case against the signed tree head, as rampart audit proof does', async () => {
    const file = join(directory, 'critical.html');
    expect((await run('report', 'case_000001', '--html', file, '--db', databasePath)).code).toBe(0);
    const page = readFileSync(file, 'utf8');
    const root = (await run('audit', 'verify', '--db', databasePath)).stdout.split(' ')[4]!.trim();
    const size = Number((await run('audit', 'verify', '--db', databasePath)).stdout.split(' ')[1]);
    expect(page).toContain(`<td class="hash">${root}</td>`);
    const proofs = proofsIn(page);
    expect(proofs.length).toBeGreaterThan(5);
    expect(page.match(/badge good">verified</g)).toHaveLength(proofs.length + 1);
    expect(page).not.toContain('unverified</span>');
    for (const proof of proofs) {
      expect(verifyInclusionProof(proof, { treeSize: size, rootHash: root })).toBe(true);
    }
    const last = proofs.at(-1)!;
    const cli = JSON.parse(
      (await run('audit', 'proof', String(last.leafIndex), '--tree-size', String(size), '--db', databasePath)).stdout,
    ) as InclusionProof;
    expect(cli).toEqual(last);
    // Only this case's leaves: the other scenario's case is in another tenant.
    for (const match of page.matchAll(/<pre>(\{&quot;actor[\s\S]*?)<\/pre>/g)) {
      expect(JSON.parse(textOf(match[1]!))).toMatchObject({ caseId: 'case_000001' });
    }
  }, 60_000);

  it('renders alert content as text: a <script> in an alert title cannot run', async () => {
    const hostileDatabase = join(directory, 'hostile.db');
    const triage = await run(
      'triage',
      alertsFile('okta-hostile-title.json'),
      '--source',
      'okta',
      '--db',
      hostileDatabase,
      '--json',
    );
    expect(triage.code).toBe(0);
    const caseId = (JSON.parse(triage.stdout) as { cases: { id: string }[] }).cases[0]!.id;
    const file = join(directory, 'hostile.html');
    expect((await run('report', caseId, '--html', file, '--db', hostileDatabase)).code).toBe(0);
    const page = readFileSync(file, 'utf8');
    expect(page).not.toMatch(/<script|<img|<svg/i);
    expect(page).toContain('<h1>&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt; push denied');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('&quot;&gt;&lt;svg onload=alert(2)&gt;');
  }, 60_000);

  it.each([
    [['report', 'case_999999', '--html', 'x.html'], /no case case_999999 in this database/],
    [['report', 'case_000001', '--html', 'x.html', '--tenant', 'acme'], /no case case_000001 in tenant acme/],
    [['report', 'case_000001'], /report needs --html FILE/],
  ])('exits 2 for %j', async (argv, message) => {
    const { code, stderr } = await run(...argv, '--db', databasePath);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 for a database that does not exist', async () => {
    const { code, stderr } = await run('report', 'case_000001', '--html', 'x.html', '--db', join(directory, 'no.db'));
    expect(code).toBe(2);
    expect(stderr).toContain('no Rampart database');
  });
});
