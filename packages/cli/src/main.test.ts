import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyConsistencyProof, verifyInclusionProof } from '@rampart/core';
import { openDatabase } from '@rampart/store-sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.js';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    (text) => {
      stdout += text;
    },
    (text) => {
      stderr += text;
    },
  );
  return { code, stdout, stderr };
}

let directory: string;
let databasePath: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rampart-cli-'));
  databasePath = join(directory, 'demo', 'rampart.db');
  const demo = await run('demo', '--db', databasePath);
  expect(demo.stderr).toBe('');
  expect(demo.code).toBe(0);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('rampart demo', () => {
  it('correlates the sample alerts into cases, reports the duplicate and verifies the log', async () => {
    const { stdout, code } = await run('demo', '--db', databasePath);
    expect(code).toBe(0);
    expect(stdout).toContain('3 case(s)');
    expect(stdout).toMatch(/duplicate of alert_\d+ on case_000001/);
    expect(stdout).toMatch(/^audit log: ok \d+ leaves root [0-9a-f]{64}$/m);
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
    [['demo', '--db']],
    [['nonsense']],
    [[]],
  ])('exits 2 with a usage message for %j', async (argv) => {
    const { code, stderr } = await run(...argv, ...(argv.includes('--db') ? [] : ['--db', databasePath]));
    expect(code).toBe(2);
    expect(stderr).toContain('Usage:');
  });

  it('exits 2 for a database that does not exist, without creating it', async () => {
    const missing = join(directory, 'missing.db');
    const { code, stderr } = await run('audit', 'verify', '--db', missing);
    expect(code).toBe(2);
    expect(stderr).toContain('no Rampart database');
  });

  it('verify exits non-zero naming the first altered leaf', async () => {
    const tampered = join(directory, 'tampered.db');
    expect((await run('demo', '--db', tampered)).code).toBe(0);
    const database = openDatabase(tampered);
    const row = database.prepare('SELECT canonical FROM audit_leaves WHERE leaf_index = 4').get() as {
      canonical: string;
    };
    database
      .prepare('UPDATE audit_leaves SET canonical = ? WHERE leaf_index = 4')
      .run(row.canonical.replace('"acme"', '"evil"'));
    database.close();
    const { code, stderr, stdout } = await run('audit', 'verify', '--db', tampered);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bad leaf 4: /);
  });
});
