import { describe, expect, it } from 'vitest';
import type { CaseContext, ContextEvidence } from '../runtime/case-context.js';
import { contextFactsOf } from './context-facts.js';
import { assess } from './evidence-signals.js';
import { subjectsOf } from './subjects.js';

const domain = 'mail.paysafe-payroll.example';

function caseContext(
  alert: { title: string; types: string[]; classUid?: number },
  evidence: ContextEvidence[],
): CaseContext {
  return {
    rampartCaseContext: 1,
    stage: 'investigation:phishing',
    agent: { name: 'investigation-phishing', role: 'investigation' },
    case: { id: 'case-2', title: alert.title, status: 'investigating', severityId: 3, entities: [], verdict: null },
    alerts: [
      {
        id: 'alert-1',
        classUid: alert.classUid ?? 2004,
        title: alert.title,
        types: alert.types,
        severityId: 3,
        product: 'Microsoft 365',
        techniques: [],
        observables: [{ name: 'email.from', typeId: 5, value: `notices@${domain}` }],
        resources: [],
        identities: [],
        time: 0,
      },
    ],
    tools: [],
    caseTools: ['setCaseVerdict'],
    toolSearch: { enabled: false, searchedCapabilities: [] },
    evidence,
  };
}

const read = (tool: string, capabilities: string[], input: unknown, output: unknown): ContextEvidence => ({
  tool,
  capabilities,
  risk: 'read',
  input,
  status: 'executed',
  output,
  stage: 'triage',
});

const suspiciousDomain = read('lookupDomain', ['domain.reputation'], { domain }, { verdict: 'suspicious' });
const precedent = (verdict: string) =>
  read(
    'findPrecedents',
    [],
    { caseId: 'case-2', entities: [`domain:${domain}`] },
    {
      precedents: [
        {
          caseId: 'case-1042',
          score: 5,
          sharedEntities: [`domain:${domain}`],
          outcome: { analyst: 'dana', kind: 'verdict-set', verdict, rationale: 'Our payroll provider' },
          citation: `Decided like case case-1042, where the analyst dana marked it ${verdict}: “Our payroll provider”`,
        },
      ],
    },
  );
const phish = { title: 'User-reported phishing', types: ['Phish'] };

describe('the reasoner with the context graph', () => {
  it('decides a case nothing else decides like the analyst’s precedent, and cites it first', () => {
    const without = caseContext(phish, [suspiciousDomain]);
    expect(assess(without, subjectsOf(without)).verdict).toBe('undetermined');

    const withPrecedent = caseContext(phish, [suspiciousDomain, precedent('benign')]);
    const assessment = assess(withPrecedent, subjectsOf(withPrecedent), undefined, contextFactsOf(withPrecedent));
    expect(assessment).toMatchObject({ verdict: 'benign', confidence: 0.85 });
    expect(assessment.findings[0]).toMatch(/^Decided like case case-1042, where the analyst dana marked it benign/);
  });

  it('never lets a benign precedent outweigh a malicious reputation', () => {
    const malicious = read('lookupDomain', ['domain.reputation'], { domain }, { verdict: 'malicious' });
    const value = caseContext(phish, [malicious, precedent('benign')]);
    expect(assess(value, subjectsOf(value), undefined, contextFactsOf(value)).verdict).toBe('true_positive');
  });

  it('ignores precedents that share no entity with the case', () => {
    const unrelated = precedent('benign');
    (unrelated.output as { precedents: { sharedEntities: string[] }[] }).precedents[0]!.sharedEntities = [];
    const value = caseContext(phish, [suspiciousDomain, unrelated]);
    expect(assess(value, subjectsOf(value), undefined, contextFactsOf(value)).verdict).toBe('undetermined');
  });

  it('clears a sign-in from two countries only when both are in the account’s travel history', () => {
    const travel = { title: 'Anomalous location for user sign-in', types: [], classUid: 3002 };
    const signIns = read('listSystemLogEvents', ['user.sign-ins'], { q: 'priya@acme.example' }, [
      { client: { ipAddress: '198.51.100.23', geographicalContext: { country: 'US' } } },
      { client: { ipAddress: '203.0.113.140', geographicalContext: { country: 'DE' } } },
    ]);
    const profile = (countries: string[]) =>
      read(
        'getEntityProfile',
        [],
        { entity: 'email:priya@acme.example' },
        {
          found: true,
          entity: 'email:priya@acme.example',
          attributes: { signInCountries: countries },
          governance: {},
        },
      );
    const known = caseContext(travel, [signIns, profile(['us', 'de'])]);
    const cleared = assess(known, subjectsOf(known), undefined, contextFactsOf(known));
    expect(cleared.verdict).toBe('benign');
    expect(cleared.findings.join(' ')).toMatch(/travel history of email:priya@acme.example/);

    const partly = caseContext(travel, [signIns, profile(['us'])]);
    expect(assess(partly, subjectsOf(partly), undefined, contextFactsOf(partly)).verdict).toBe('true_positive');
  });
});
