import { z } from 'zod';
import { RampartError } from '../errors.js';
import { Risk } from '../tools/risk.js';
import { parseOrThrow } from '../validation.js';
import { GovernanceFacts, governanceFrom, valuesOf } from './governance.js';
import { evaluatePolicies, type Policy, type PolicyEvaluation } from './policy.js';

/**
 * One policy test case: a proposed tool call with its context, and what the policies must decide. Written as data
 * (JSON or YAML in a repository), so a tenant's governance rules are tested in CI like code.
 */
export const PolicyTestCase = z.strictObject({
  name: z.string().min(1),
  /** The tenant the call is made for. */
  tenantId: z.string().min(1).default('tenant-a'),
  agent: z
    .strictObject({ name: z.string().min(1), role: z.string().min(1) })
    .default({ name: 'response', role: 'response' }),
  tool: z.strictObject({
    name: z.string().min(1),
    risk: Risk,
    capabilities: z.array(z.string()).default([]),
    tenantId: z.string().min(1).optional(),
    connectorId: z.string().min(1).optional(),
  }),
  input: z.unknown(),
  /** The case the call is for; defaults to a case of the call's tenant. */
  case: z
    .strictObject({
      id: z.string().min(1),
      tenantId: z.string().min(1),
      entities: z.array(z.string()).default([]),
      severityId: z.number().int().optional(),
    })
    .optional(),
  /** The tenant's governance for this case; the runner's shared governance when absent. */
  governance: GovernanceFacts.optional(),
  expect: z.strictObject({
    effect: z.enum(['allow', 'require-approval', 'deny']),
    /** For `require-approval`: the role that must approve. */
    approverRole: z.string().min(1).optional(),
    /** Policies that must be among those that did not allow, as `id` or `id@version`. */
    policies: z.array(z.string().min(1)).optional(),
  }),
});
export type PolicyTestCase = z.output<typeof PolicyTestCase>;
export type PolicyTestCaseInput = z.input<typeof PolicyTestCase>;

export interface PolicyTestResult {
  name: string;
  passed: boolean;
  /** What did not match, one sentence each; empty when passed. */
  failures: string[];
  evaluation: PolicyEvaluation;
}

export interface PolicyTestReport {
  passed: number;
  failed: number;
  results: PolicyTestResult[];
}

/** A policy test suite failed; `report` holds every result. */
export class PolicyTestFailure extends RampartError {
  override readonly name = 'PolicyTestFailure';
  constructor(readonly report: PolicyTestReport) {
    super(
      `${report.failed} of ${report.passed + report.failed} policy tests failed:\n${formatPolicyTestReport(report, { failuresOnly: true })}`,
    );
  }
  static override isInstance(value: unknown): value is PolicyTestFailure {
    return RampartError.isInstance(value) && value.name === 'PolicyTestFailure';
  }
}

function approverRoleOf(evaluation: PolicyEvaluation): string | undefined {
  return evaluation.results.find((result) => result.effect === 'require-approval' && result.approverRole !== undefined)
    ?.approverRole;
}

function check(testCase: PolicyTestCase, evaluation: PolicyEvaluation): string[] {
  const failures: string[] = [];
  const expected = testCase.expect;
  if (evaluation.effect !== expected.effect) {
    const why = evaluation.results.map((result) => `${result.policyId}@${result.version}: ${result.reason}`).join('; ');
    failures.push(`expected ${expected.effect}, got ${evaluation.effect}${why ? ` (${why})` : ''}`);
  }
  if (expected.approverRole !== undefined && evaluation.effect === 'require-approval') {
    const actual = approverRoleOf(evaluation);
    if (actual !== expected.approverRole) {
      failures.push(
        `expected approval by "${expected.approverRole}", got ${actual === undefined ? 'no role' : `"${actual}"`}`,
      );
    }
  }
  for (const wanted of expected.policies ?? []) {
    const found = evaluation.results.some((result) =>
      wanted.includes('@') ? `${result.policyId}@${result.version}` === wanted : result.policyId === wanted,
    );
    if (!found) failures.push(`expected policy ${wanted} to hold or deny the call, it did not`);
  }
  return failures;
}

/**
 * Runs policy test cases against a set of policies, exactly as the gate evaluates them (`evaluatePolicies`, input
 * values collected by `valuesOf`). Cases are validated first: a malformed case throws a `ValidationError` naming
 * it. Use `assertPolicyTests` in a CI test to fail with every failure listed.
 */
export function runPolicyTests(
  policies: readonly Policy[],
  cases: readonly PolicyTestCaseInput[],
  options: { governance?: z.input<typeof GovernanceFacts> } = {},
): PolicyTestReport {
  const sharedGovernance = governanceFrom(options.governance ?? {});
  const parsed = cases.map((testCase, index) =>
    parseOrThrow(
      PolicyTestCase,
      testCase,
      `policy test case ${index} (${String((testCase as { name?: unknown })?.name ?? '')})`,
    ),
  );
  const results = parsed.map((testCase): PolicyTestResult => {
    const evaluation = evaluatePolicies(policies, {
      tenantId: testCase.tenantId,
      agent: testCase.agent,
      tool: testCase.tool,
      input: testCase.input,
      inputValues: valuesOf(testCase.input),
      case: testCase.case ?? { id: 'case-under-test', tenantId: testCase.tenantId, entities: [] },
      governance: testCase.governance === undefined ? sharedGovernance : governanceFrom(testCase.governance),
    });
    const failures = check(testCase, evaluation);
    return { name: testCase.name, passed: failures.length === 0, failures, evaluation };
  });
  const passed = results.filter((result) => result.passed).length;
  return { passed, failed: results.length - passed, results };
}

/** `runPolicyTests`, throwing a `PolicyTestFailure` that lists every failed case when any fails. */
export function assertPolicyTests(...parameters: Parameters<typeof runPolicyTests>): PolicyTestReport {
  const report = runPolicyTests(...parameters);
  if (report.failed > 0) throw new PolicyTestFailure(report);
  return report;
}

/** One line per case: `PASS name` or `FAIL name: reason; reason`. */
export function formatPolicyTestReport(report: PolicyTestReport, options: { failuresOnly?: boolean } = {}): string {
  return report.results
    .filter((result) => !options.failuresOnly || !result.passed)
    .map((result) => (result.passed ? `PASS ${result.name}` : `FAIL ${result.name}: ${result.failures.join('; ')}`))
    .join('\n');
}
