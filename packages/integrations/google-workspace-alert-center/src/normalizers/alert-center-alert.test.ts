import { readFileSync } from 'node:fs';
import { entitiesOfAlert, UnrecognizedAlertError, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import {
  GetAlertMetadataOutput,
  GetAlertOutput,
  ListAlertFeedbackOutput,
  ListAlertsOutput,
} from '../generated/schemas.js';
import { alertNormalizers, normalizeGoogleWorkspaceAlerts } from '../index.js';
import { severityIdOf } from './alert-center-alert.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));

const recorded = fixture('alert-get.json') as Record<string, unknown>;
const list = fixture('alerts-list.json') as { alerts: Array<Record<string, unknown>> };

describe('Alert Center responses', () => {
  it('parse through the output schemas of their operations', () => {
    expect(GetAlertOutput.safeParse(recorded).error?.issues ?? []).toEqual([]);
    expect(ListAlertsOutput.safeParse(list).error?.issues ?? []).toEqual([]);
    expect(GetAlertMetadataOutput.safeParse(fixture('alert-metadata.json')).error?.issues ?? []).toEqual([]);
    expect(ListAlertFeedbackOutput.safeParse(fixture('alert-feedback-list.json')).error?.issues ?? []).toEqual([]);
  });

  it('keep fields the spec does not declare', () => {
    const parsed = ListAlertsOutput.parse(list);
    expect((parsed.alerts![1]!.data as Record<string, unknown>).domainId).toEqual({
      customerPrimaryDomain: 'acme.example',
    });
    expect(GetAlertOutput.parse(recorded).data?.takeoutRequestId).toBe('demo_takeoutRequestId');
  });
});

describe('Alert Center alert normalizer', () => {
  it('maps the recorded takeout alert (demo values upstream): its invalid email is reported, not fatal', () => {
    const [alert] = normalizeGoogleWorkspaceAlerts(recorded);
    expect(alert).toMatchObject({
      class_uid: 2004,
      severity_id: 2,
      status_id: 1,
      activity_id: 1,
      time: Date.parse('2020-10-28T20:43:34.381Z'),
      finding_info: {
        uid: 'demo_alertId',
        title: 'Customer takeout initiated',
        types: ['Customer takeout initiated'],
        analytic: { name: 'Domain wide takeout' },
        first_seen_time: Date.parse('2020-10-28T20:13:33Z'),
      },
      metadata: { uid: 'demo_alertId', tenant_uid: 'demo_customerId', product: { vendor_name: 'Google' } },
    });
    expect(alert?.raw_data).toBe(JSON.stringify(recorded));
    const { entities, rejected } = entitiesOfAlert(alert!);
    expect(entities).toEqual([]);
    expect(rejected).toEqual([expect.objectContaining({ kind: 'email', value: 'demo_email' })]);
  });

  const [suspiciousLogin, phishing, leakedPassword, governmentAttack] = normalizeGoogleWorkspaceAlerts(list);

  it('maps a suspicious login: user, login IP, High severity, Valid Accounts', () => {
    expect(suspiciousLogin).toMatchObject({
      severity_id: 4,
      status_id: 1,
      finding_info: {
        uid: '7f9b8e2d-4c1a-4b5e-9d3f-2a6c8e0b1d47',
        title: 'Suspicious login',
        src_url: 'https://admin.google.com/ac/sc/investigation?query_id=7f9b8e2d',
      },
      attacks: [{ technique: { uid: 'T1078' }, tactic: { uid: 'TA0001' } }],
    });
    expect(suspiciousLogin!.message).toBe(
      'Suspicious login (Google identity), user jane.doe@acme.example, from 198.51.100.23',
    );
    expect(entitiesOfAlert(suspiciousLogin!).entities).toEqual([
      { kind: 'email', value: 'jane.doe@acme.example' },
      { kind: 'ip', value: '198.51.100.23' },
    ]);
  });

  it('maps user-reported phishing: sender, every recipient and attachment hash, In Progress', () => {
    expect(phishing).toMatchObject({
      severity_id: 3,
      status_id: 2,
      activity_id: 2,
      attacks: [{ technique: { uid: 'T1566' } }],
    });
    expect(entitiesOfAlert(phishing!).entities).toEqual([
      { kind: 'email', value: 'payroll@payro11-update.example' },
      { kind: 'email', value: 'jane.doe@acme.example' },
      { kind: 'hash', value: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
      { kind: 'email', value: 'raj.patel@acme.example' },
    ]);
    const evidences = (phishing as unknown as { evidences: Array<{ email: Record<string, unknown> }> }).evidences;
    expect(evidences[0]?.email).toEqual({
      from: 'payroll@payro11-update.example',
      to: ['jane.doe@acme.example'],
      subject: 'Action required: confirm your payroll details',
      message_uid: '<CAJx7Lq9bZ3m2P@mail.payro11-update.example>',
    });
  });

  it('maps a leaked password and a closed government-backed attack warning to the affected user', () => {
    expect(leakedPassword).toMatchObject({ severity_id: 4, activity_id: 1 });
    expect(leakedPassword!.attacks).toBeUndefined();
    expect(entitiesOfAlert(leakedPassword!).entities).toEqual([{ kind: 'email', value: 'raj.patel@acme.example' }]);
    expect(governmentAttack).toMatchObject({ severity_id: 4, status_id: 4, activity_id: 3 });
    expect(entitiesOfAlert(governmentAttack!).entities).toEqual([{ kind: 'email', value: 'cfo@acme.example' }]);
  });

  it('accepts one alert, an array or the list envelope', () => {
    expect(normalizeGoogleWorkspaceAlerts(list.alerts)).toHaveLength(4);
    expect(normalizeGoogleWorkspaceAlerts(list.alerts[0])).toHaveLength(1);
    expect(alertNormalizers.map((normalizer) => normalizer.id)).toEqual(['google-workspace-alert-center.alert']);
  });

  it('rejects what is not an alert, naming where', () => {
    expect(() => normalizeGoogleWorkspaceAlerts({ alerts: [{ alertId: 'x' }] })).toThrow(UnrecognizedAlertError);
    const error = (() => {
      try {
        alertNormalizers[0]!.normalize({ ...list.alerts[0], createTime: 'soon' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]?.path).toBe('createTime');
  });

  it.each([
    ['HIGH', 4],
    ['MEDIUM', 3],
    ['LOW', 2],
    ['', 0],
    [undefined, 0],
  ])('severity %s maps to OCSF severity_id %s', (severity, expected) => {
    expect(severityIdOf(severity)).toBe(expected);
  });
});
