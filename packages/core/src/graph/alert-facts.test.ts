import { describe, expect, it } from 'vitest';
import { parseAlert } from '../alerts/alert.js';
import { factsOfAlert } from './alert-facts.js';
import { alertTypeOf } from './alert-type.js';

const signIn = parseAlert({
  class_uid: 3002,
  category_uid: 3,
  severity_id: 3,
  time: 10_000,
  message: 'Sign-in from a new country for jane.doe@acme.example',
  metadata: { product: { vendor_name: 'Okta', name: 'System Log' }, uid: 'evt-1' },
  observables: [
    { name: 'user.email_addr', type_id: 4, value: 'Jane.Doe@ACME.example' },
    { name: 'device.hostname', type_id: 1, value: 'WS-042' },
    { name: 'src_endpoint.ip', type_id: 2, value: '203.0.113.7' },
    { name: 'http_request.url', type_id: 6, value: 'hxxps://login.evil[.]example/okta' },
    { name: 'src_endpoint.ip', type_id: 2, value: '999.1.1.1' },
  ],
  attacks: [{ technique: { uid: 'T1078' }, sub_technique: { uid: 'T1078.004' }, tactic: { uid: 'TA0001' } }],
});

describe('factsOfAlert', () => {
  const { facts, rejected } = factsOfAlert(signIn, {
    tenantId: 'acme',
    alertId: 'alert_000001',
    caseId: 'case_000001',
    observedAt: 12_000,
    connectorId: 'okta',
    auditLeafIndex: 4,
  });
  const edges = (facts.edges ?? []).map((edge) => `${edge.from} ${edge.relation} ${edge.to}`);

  it('writes the alert node with its type, severity and ATT&CK techniques, valid from the event time', () => {
    expect(facts.nodes).toEqual([
      expect.objectContaining({
        id: 'alert:alert_000001',
        label: 'Sign-in from a new country for jane.doe@acme.example',
        attributes: expect.objectContaining({
          alertType: '3002:sign-in from a new country for <email>',
          severityId: 3,
          attackTechniques: ['T1078', 'T1078.004'],
        }),
        validFrom: 10_000,
        observedAt: 12_000,
        provenance: {
          source: 'alert',
          tenantId: 'acme',
          alertId: 'alert_000001',
          caseId: 'case_000001',
          connectorId: 'okta',
          auditLeafIndex: 4,
        },
      }),
    ]);
  });

  it('names every canonical entity, adds the domain of a URL, and writes entities only when new', () => {
    expect((facts.ensureNodes ?? []).map((node) => node.id)).toEqual([
      'user:jane.doe@acme.example',
      'host:ws-042',
      'ip:203.0.113.7',
      'url:https://login.evil.example/okta',
      'domain:login.evil.example',
      'case:case_000001',
    ]);
    expect(edges).toContain('alert:alert_000001 names domain:login.evil.example');
    expect(edges).toContain('url:https://login.evil.example/okta on-domain domain:login.evil.example');
    expect(edges).toContain('case:case_000001 includes alert:alert_000001');
  });

  it('puts the users of an authentication on its hosts', () => {
    expect(edges).toContain('user:jane.doe@acme.example logged-on-to host:ws-042');
    expect(edges.filter((edge) => edge.includes('resolved'))).toEqual([]);
  });

  it('leaves out values with no canonical form, and says why', () => {
    expect(rejected).toEqual([
      expect.objectContaining({ path: 'observables[4].value', kind: 'ip', value: '999.1.1.1' }),
    ]);
  });
});

describe('alertTypeOf', () => {
  it('prefers the detection name and folds addresses, so one rule gives one type', () => {
    const finding = (title: string, analytic?: string) =>
      parseAlert({
        class_uid: 2004,
        category_uid: 2,
        severity_id: 3,
        time: 1,
        finding_info: { uid: title, title, ...(analytic && { analytic: { name: analytic } }) },
        metadata: { product: { vendor_name: 'V', name: 'P' } },
      });
    expect(alertTypeOf(finding('Malware on 10.0.0.1'))).toBe(alertTypeOf(finding('Malware on 10.0.0.2')));
    expect(alertTypeOf(finding('Anything', 'Credential Dumping'))).toBe('2004:credential dumping');
  });
});
