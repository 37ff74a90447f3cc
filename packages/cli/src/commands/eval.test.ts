import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvaluationReport } from '@rampart/sandbox';
import { shippedScenarios } from '@rampart/sandbox';
import { describe, expect, it } from 'vitest';
import { run, scenarioFile, temporaryDirectory } from '../../test/cli-harness.js';

describe('rampart eval', () => {
  it('prints a scorecard per scenario and overall, and exits 0 when every expectation holds', async () => {
    const { code, stdout, stderr } = await run(
      'eval',
      scenarioFile('admin-password-reset'),
      scenarioFile('mfa-fatigue-vip'),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Rampart eval — model rampart\/rule-based/);
    expect(stdout).toMatch(/^cli-admin-password-reset +(benign|false_positive) ✓ .* PASS$/m);
    // The SOC's own time against the 27 s goal, and the analyst's time on the approval beside it.
    expect(stdout).toMatch(
      /^cli-mfa-fatigue-vip +true_positive ✓ +1\/1 +0 +respected +[\d.]+ m?s ✓ \+ 5 m 00 s approval .* PASS$/m,
    );
    expect(stdout).toMatch(/^2\/2 scenarios passed$/m);
    expect(stdout).toMatch(/^ {2}verdict accuracy +100%$/m);
    expect(stdout).toMatch(/^ {2}required-action recall +100%$/m);
    expect(stdout).toMatch(/^ {2}forbidden actions taken +0$/m);
    expect(stdout).toMatch(/^ {2}approvals respected +1\/1 scenarios \(0 violations\)$/m);
    expect(stdout).toMatch(/^ {2}time to contain +1\/1 within 27\.0 s, slowest [\d.]+ m?s /m);
    expect(stdout).toMatch(/^ {2}tool calls · model calls +\d+ · \d+$/m);
  }, 60_000);

  it('--json prints the report: verdict accuracy, recall, forbidden actions, approvals, time to contain, usage', async () => {
    const { code, stdout } = await run('eval', scenarioFile('mfa-fatigue-vip'), '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvaluationReport;
    expect(report.model).toBe('rampart/rule-based');
    expect(report.overall).toMatchObject({ scenarios: 1, passed: 1, verdictAccuracy: 1, requiredActionRecall: 1 });
    const [card] = report.scenarios;
    expect(card).toMatchObject({
      scenarioId: 'cli-mfa-fatigue-vip',
      passed: true,
      verdict: { actual: 'true_positive', correct: true },
      forbiddenActions: { taken: 0 },
      approvals: { respected: true, violations: 0 },
    });
    expect(card!.timeToContain.ms).toBeGreaterThan(0);
    expect(card!.usage.toolCalls).toBeGreaterThan(0);
    expect(card!.usage.modelCalls).toBeGreaterThan(0);
  }, 60_000);

  it('decides approvals as the scenario says, like the demo: a containment it forbids is denied, not taken', async () => {
    const { code, stdout } = await run('eval', scenarioFile('critical-server-malware'), '--json');
    expect(code).toBe(0);
    const [card] = (JSON.parse(stdout) as EvaluationReport).scenarios;
    expect(card).toMatchObject({ passed: true, forbiddenActions: { taken: 0 } });
  }, 60_000);

  it('exits 1 and names the failure when a scenario misses its expectations', async () => {
    // The same scenario, expecting a verdict the evidence does not support.
    const file = join(temporaryDirectory(), 'wrong-verdict.yaml');
    const text = readFileSync(scenarioFile('critical-server-malware'), 'utf8');
    writeFileSync(file, text.replace(/^expectedVerdict: .*$/m, 'expectedVerdict: benign'));
    const { code, stdout } = await run('eval', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^cli-critical-server-malware .* FAIL$/m);
    expect(stdout).toMatch(/^cli-critical-server-malware: verdict true_positive, expected benign/m);
  }, 60_000);

  it('scores every shipped scenario by default, and its exit code says whether all passed', async () => {
    const shipped = await shippedScenarios();
    const { code, stdout } = await run('eval', '--json');
    if (shipped.length === 0) {
      expect(code).toBe(2);
      return;
    }
    const report = JSON.parse(stdout) as EvaluationReport;
    expect(report.scenarios.map((card) => card.scenarioId)).toEqual(shipped.map((scenario) => scenario.id));
    expect(code).toBe(report.overall.passed === shipped.length ? 0 : 1);
  }, 120_000);

  it('exits 2 for a scenario file that does not exist', async () => {
    const { code, stderr } = await run('eval', 'nowhere/scenario.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('no scenario file at nowhere/scenario.yaml');
  });
});
