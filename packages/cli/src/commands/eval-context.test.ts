import { join } from 'node:path';
import { shippedScenariosDirectory } from '@rampart/sandbox';
import { describe, expect, it } from 'vitest';
import { run } from '../../test/cli-harness.js';

const shipped = (file: string) => join(shippedScenariosDirectory(), file);
const travel = shipped('12-travelling-user-sign-in.yaml');
const learnt = shipped('15-benefits-domain-learnt-from-feedback.yaml');

describe('rampart eval and the context graph', () => {
  it('shows the context scenarios without the graph, with it, and after a round of analyst feedback', async () => {
    const { code, stdout } = await run('eval', travel, learnt);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Context gain — 2 scenario\(s\) whose right answer depends on context$/m);
    expect(stdout).toMatch(/^ {2}without graph and precedents +0\/2 passed +verdict accuracy 0%$/m);
    expect(stdout).toMatch(/^ {2}with graph and precedents +1\/2 passed +verdict accuracy 50%$/m);
    expect(stdout).toMatch(/^ {2}after one round of analyst feedback +2\/2 passed +verdict accuracy 100%$/m);
    expect(stdout).toMatch(/^ {2}travelling-user-sign-in +FAIL true_positive +PASS benign +PASS benign$/m);
    expect(stdout).toMatch(
      /^benefits-domain-learnt-from-feedback: scored after one round of simulated analyst feedback/m,
    );
  }, 120_000);

  it('--without-context runs without the graph, and the travelling user is suspended like an intruder', async () => {
    const { code, stdout } = await run('eval', travel, '--without-context', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      context: boolean;
      contextGain?: unknown;
      scenarios: { passed: boolean; verdict: { actual: string } }[];
    };
    expect(report.context).toBe(false);
    expect(report.contextGain).toBeUndefined();
    expect(report.scenarios[0]).toMatchObject({ passed: false, verdict: { actual: 'true_positive' } });
  }, 60_000);
});
