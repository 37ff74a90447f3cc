import { join } from 'node:path';
import { parseFeedbackJsonLines, parseStixBundle } from '@rampart/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, temporaryDirectory } from '../../test/cli-harness.js';

const tenant = 'acme/critical-file-server-isolation';
let database = '';

beforeAll(async () => {
  database = join(temporaryDirectory(), 'rampart.db');
  const demo = await run('demo', 'critical-file-server-isolation', '--db', database);
  expect(demo.code).toBe(0);
}, 60_000);

describe('rampart feedback export', () => {
  it('prints the analyst’s approval of the containment as a feedback dataset record', async () => {
    const { code, stdout } = await run('feedback', 'export', '--tenant', tenant, '--db', database);
    expect(code).toBe(0);
    const records = parseFeedbackJsonLines(stdout);
    expect(records).toEqual([
      expect.objectContaining({ tenantId: tenant, analyst: 'demo-analyst', kind: 'action-approved', agreed: true }),
    ]);
  });

  it('needs the tenant: one tenant’s decisions never leak into another’s dataset', async () => {
    const { code, stderr } = await run('feedback', 'export', '--db', database);
    expect(code).toBe(2);
    expect(stderr).toContain('feedback export needs --tenant ID');
    const other = await run('feedback', 'export', '--tenant', 'acme/someone-else', '--db', database);
    expect(other.stdout).toBe('');
  });
});

describe('rampart stix', () => {
  it('prints a valid STIX 2.1 bundle with the case’s indicators and its ATT&CK technique', async () => {
    const { code, stdout } = await run('stix', 'case_000001', '--db', database);
    expect(code).toBe(0);
    const bundle = parseStixBundle(JSON.parse(stdout));
    const types = bundle.objects.map((object) => object.type);
    expect(types).toEqual(expect.arrayContaining(['indicator', 'sighting', 'attack-pattern', 'grouping']));
    expect(stdout).toContain('T1003.001');
  });

  it('exits 2 for a case the database does not hold', async () => {
    const { code } = await run('stix', 'case_999999', '--db', database);
    expect(code).toBe(2);
  });
});
