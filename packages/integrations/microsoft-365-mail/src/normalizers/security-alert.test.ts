import { readFileSync } from 'node:fs';
import { entitiesOfAlert, UnrecognizedAlertError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { GetSecurityAlertOutput, ListSecurityAlertsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeMicrosoft365MailAlerts } from '../index.js';
import { microsoftSecurityAlertNormalizer } from './security-alert.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

// An XSOAR test-case bundle: only each case's `mock_response` is a Graph response.
const bundle = fixture('alert-get-testcases-v1-and-v2.json') as Record<
  string,
  { mock_response: Record<string, unknown> }
>;
const recordedV2 = bundle.test_case_3!.mock_response;
const legacyV1 = bundle.test_case_1!.mock_response;
const alerts = fixture('security-alerts-list.json') as { value: Record<string, unknown>[] };

describe('security alert fixtures', () => {
  it('parse through the getSecurityAlert and listSecurityAlerts output schemas', () => {
    expect(GetSecurityAlertOutput.parse(recordedV2)).toMatchObject({
      id: 'alert_id',
      serviceSource: 'microsoftDefenderForEndpoint',
    });
    expect(ListSecurityAlertsOutput.parse(alerts).value?.[1]?.evidence).toHaveLength(5);
  });

  it('match the alert normalizer, not the message one; legacy v1 alerts match neither', () => {
    for (const alert of [recordedV2, ...alerts.value]) {
      expect(alertNormalizers.filter((normalizer) => normalizer.matches(alert))).toEqual([
        microsoftSecurityAlertNormalizer,
      ]);
    }
    expect(alertNormalizers.some((normalizer) => normalizer.matches(legacyV1))).toBe(false);
    expect(() => normalizeMicrosoft365MailAlerts(legacyV1)).toThrow(UnrecognizedAlertError);
  });
});

describe('recorded alerts_v2 (demisto/content test case 3) → Detection Finding 2004', () => {
  const [alert] = normalizeMicrosoft365MailAlerts(recordedV2);

  it('maps severity, status, title, the portal link and the incident', () => {
    expect(alert).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 1,
      status_id: 4,
      activity_id: 3,
      time: Date.parse('2022-10-16T01:48:05.8655909Z'),
      finding_info: {
        uid: 'alert_id',
        title: 'Automated',
        desc: 'Some description about the alert.',
        types: ['SuspiciousActivity', 'microsoftDefenderForEndpoint', 'automatedInvestigation'],
        analytic: { uid: 'aaa', name: 'automatedInvestigation' },
        src_url: 'https://security.microsoft.com/alerts/alert_id?tid=tid',
      },
      metadata: { uid: 'alert_id', correlation_uid: 'incidentId', product: { name: 'Microsoft 365 Defender' } },
    });
    expect(alert?.attacks).toBeUndefined();
    expect(entitiesOfAlert(alert!)).toEqual({ entities: [], rejected: [] });
    expect(JSON.parse(alert!.raw_data!)).toEqual(recordedV2);
  });
});

describe('alerts with evidence', () => {
  const [phishing, endpoint] = normalizeMicrosoft365MailAlerts(alerts);

  it('a Defender for Office 365 phishing alert: tactic and technique, message, mailbox and URL evidence', () => {
    expect(phishing).toMatchObject({
      severity_id: 4,
      status_id: 1,
      attacks: [
        {
          tactic: { uid: 'TA0001', name: 'Initial Access' },
          technique: { uid: 'T1566' },
          sub_technique: { uid: 'T1566.002' },
        },
      ],
      metadata: {
        product: { name: 'Microsoft Defender for Office 365' },
        tenant_uid: 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
      },
    });
    const { entities, rejected } = entitiesOfAlert(phishing!);
    expect(rejected).toEqual([]);
    expect(entities).toEqual([
      { kind: 'email', value: 'billing@contoso-invoices.example' },
      { kind: 'email', value: 'bounce@contoso-invoices.example' },
      { kind: 'email', value: 'adelev@contoso.com' },
      { kind: 'ip', value: '198.51.100.77' },
      { kind: 'url', value: 'https://login.contoso-invoices.example/m365/verify?id=88213' },
    ]);
  });

  it('a Defender for Endpoint alert: the device, process, file hashes, user and IP', () => {
    expect(endpoint).toMatchObject({
      severity_id: 3,
      status_id: 2,
      status_detail: 'truePositive/malware',
      device: { hostname: 'ws-adelev-01.contoso.com', uid: '73e7e2de709dff64ef64b1d0c30e67fab63279db' },
      attacks: [{ tactic: { uid: 'TA0005' }, technique: { uid: 'T1564' }, sub_technique: { uid: 'T1564.001' } }],
    });
    const { entities, rejected } = entitiesOfAlert(endpoint!);
    expect(rejected).toEqual([]);
    expect(entities).toEqual([
      { kind: 'host', value: 'ws-adelev-01.contoso.com' },
      { kind: 'file', value: 'c:\\windows\\system32\\wscript.exe' },
      { kind: 'hash', value: 'sha256:f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a69788f1e2d3c4b5a69788' },
      { kind: 'hash', value: 'sha1:3da6d8e4a8a1c4ce2c3e6d7b9d2e1f0a9b8c7d6e' },
      { kind: 'user', value: 'adelev@contoso.com' },
      { kind: 'file', value: 'c:\\users\\adelev\\appdata\\roaming\\.cache\\upd.js' },
      { kind: 'hash', value: 'sha256:9a8b7c6d5e4f30211a2b3c4d5e6f70819a8b7c6d5e4f30211a2b3c4d5e6f7081' },
      { kind: 'hash', value: 'sha1:5c3e1a9b7d2f4e6a8c0b1d3f5e7a9c2b4d6f8e0a' },
      { kind: 'ip', value: '203.0.113.99' },
    ]);
    expect(endpoint?.observables).toContainEqual({
      name: 'evidences.process.cmd_line',
      type_id: 13,
      value: '"wscript.exe" "C:\\Users\\AdeleV\\AppData\\Roaming\\.cache\\upd.js"',
    });
  });
});
