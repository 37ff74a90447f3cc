import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { builtInPolicies } from './built-in-policies.js';
import { builtInPolicyTestCases, builtInPolicyTestGovernance } from './built-in-policy-tests.js';
import { assertPolicyTests, formatPolicyTestReport, PolicyTestFailure, runPolicyTests } from './policy-test-runner.js';
import { recommendedPolicies } from './policy-versions.js';

describe('the recommended policies', () => {
  it('pass every built-in policy test, including the attempts to get around them', () => {
    const report = assertPolicyTests(recommendedPolicies, builtInPolicyTestCases, {
      governance: builtInPolicyTestGovernance,
    });
    expect(report).toMatchObject({ passed: builtInPolicyTestCases.length, failed: 0 });
  });
});

describe('runPolicyTests', () => {
  it('fails a case whose approver role differs, naming expected and actual', () => {
    // The gate's default set still has version 1 of the VIP policy, approved by a SOC lead.
    const report = runPolicyTests(builtInPolicies, builtInPolicyTestCases, { governance: builtInPolicyTestGovernance });
    const failed = report.results.filter((result) => !result.passed);
    expect(failed.map((result) => [result.name, result.failures])).toEqual([
      [
        'a VIP account needs tier-3 approval',
        [
          'expected approval by "tier-3", got "soc-lead"',
          'expected policy vip-account-actions@2 to hold or deny the call, it did not',
        ],
      ],
      [
        'a VIP account written as DOMAIN\\name in capitals still needs tier-3 approval',
        ['expected approval by "tier-3", got "soc-lead"'],
      ],
    ]);
    expect(formatPolicyTestReport(report, { failuresOnly: true })).toMatch(
      /^FAIL a VIP account needs tier-3 approval: /,
    );
    expect(() =>
      assertPolicyTests(builtInPolicies, builtInPolicyTestCases, { governance: builtInPolicyTestGovernance }),
    ).toThrow(PolicyTestFailure);
  });

  it('fails a case whose effect differs, with the reasons the policies gave', () => {
    const report = runPolicyTests(recommendedPolicies, [
      {
        name: 'wrongly expects an allow',
        tool: { name: 'lookupHash', risk: 'read', capabilities: ['hash.reputation'] },
        input: { hash: 'abc' },
        governance: { internalOnly: ['abc'] },
        expect: { effect: 'allow' },
      },
    ]);
    expect(report.failed).toBe(1);
    expect(report.results[0]?.failures[0]).toMatch(/^expected allow, got deny \(internal-data-stays-internal@1: /);
  });

  it('rejects a malformed case, naming it', () => {
    expect(() =>
      runPolicyTests(recommendedPolicies, [
        { name: 'bad', tool: { name: 'x', risk: 'nuclear' }, input: {}, expect: { effect: 'allow' } } as never,
      ]),
    ).toThrow(ValidationError);
  });
});
