import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { loadScenarios, parseScenario, parseScenarioText } from './load-scenario.js';

const valid = `
id: tiny
title: Tiny
description: The smallest scenario.
tenantId: acme
startAt: 2026-03-02T09:00:00Z
world:
  users:
    - email: Jane.Doe@acme.example
      name: Jane Doe
alerts:
  - connector: okta
    payload: { uuid: e-1 }
expectedVerdict: benign
`;

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(ValidationError.isInstance(error)).toBe(true);
    return (error as ValidationError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('expected a ValidationError');
}

describe('scenario files', () => {
  it('reads YAML with defaults filled in and values canonicalised', () => {
    const scenario = parseScenarioText(valid);
    expect(scenario.startAt).toBe(Date.parse('2026-03-02T09:00:00Z'));
    expect(scenario.expectedVerdict).toEqual(['benign']);
    expect(scenario.world.users[0]).toMatchObject({ email: 'jane.doe@acme.example', vip: false, status: 'active' });
    expect(scenario.alerts[0]).toMatchObject({ connector: 'okta', arrivesAfterMs: 0 });
    expect(scenario.requiredActions).toEqual([]);
  });

  it('reads JSON too, and a parsed scenario parses again to itself', () => {
    const scenario = parseScenarioText(JSON.stringify(parseScenarioText(valid)));
    expect(parseScenario(scenario)).toEqual(scenario);
  });

  it('names the path and line of every bad value', () => {
    const bad = valid
      .replace('connector: okta', 'connector: Okta Inc')
      .replace('expectedVerdict: benign', 'expectedVerdict: harmless')
      .replace('name: Jane Doe', 'name: Jane Doe\n      vip: yes please');
    const issues = issuesOf(() => parseScenarioText(bad, 'scenario tiny.yaml'));
    expect(issues.map((issue) => issue.path)).toEqual(['world.users[0].vip', 'alerts[0].connector', 'expectedVerdict']);
    expect(issues[0]!.message).toMatch(/line 11:12/);
    expect(issues[1]!.message).toMatch(/connector id like okta.*line 13/);
  });

  it('reports a missing field at its parent and unknown fields by name', () => {
    const issues = issuesOf(() =>
      parseScenarioText(
        valid.replace('tenantId: acme\n', '').replace('name: Jane Doe', 'name: Jane Doe\n      manger: x'),
      ),
    );
    expect(issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['tenantId', 'world.users[0]']));
    expect(issues.find((issue) => issue.path === 'world.users[0]')?.message).toMatch(/manger/);
  });

  it('rejects ground truth naming an entity the world does not hold', () => {
    const issues = issuesOf(() =>
      parseScenario({
        ...parseScenarioText(valid),
        requiredActions: [{ capability: 'user.suspend', target: 'user:jane.do@acme.example' }],
        forbiddenActions: [{ target: 'host:ws-1' }],
      }),
    );
    expect(issues).toEqual([
      { path: 'forbiddenActions[0]', message: 'needs a capability, a tool or a risk' },
      {
        path: 'requiredActions[0].target',
        message: expect.stringMatching(/not in the world \(seed it under world.users\)/),
      },
      { path: 'forbiddenActions[0].target', message: expect.stringMatching(/host:ws-1 is not in the world/) },
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const issues = issuesOf(() => parseScenarioText('id: x\ntitle: [unclosed\n'));
    expect(issues[0]!.message).toMatch(/line \d+:\d+/);
  });

  it('loads a directory and refuses two scenarios with one id', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'rampart-scenarios-'));
    await writeFile(join(directory, 'a.yaml'), valid);
    await writeFile(join(directory, 'notes.txt'), 'not a scenario');
    expect((await loadScenarios(directory)).map((scenario) => scenario.id)).toEqual(['tiny']);
    await writeFile(join(directory, 'b.json'), JSON.stringify(parseScenarioText(valid)));
    await expect(loadScenarios(directory)).rejects.toThrow(/"tiny" is also the id of a.yaml/);
  });
});
