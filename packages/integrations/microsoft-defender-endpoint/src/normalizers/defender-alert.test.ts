import { readFileSync } from 'node:fs';
import { type Alert, entitiesOfAlert, parseAlert, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { ContainHostOutput, GetAlertOutput, GetMachineOutput, ListAlertsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeDefenderAlerts } from '../index.js';
import { defenderAlertNormalizer, defenderSeverityId } from './defender-alert.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const alertsList = fixture('alerts-list.json') as { value: Record<string, unknown>[] };
const documentedAlert = fixture('alert-get.json');
const networkAlert = fixture('alert-network-evidence.json');

function entities(alert: Alert): string[] {
  const { entities, rejected } = entitiesOfAlert(alert);
  expect(rejected).toEqual([]);
  return entities.map((entity) => `${entity.kind}:${entity.value}`);
}

describe('recorded Defender for Endpoint responses', () => {
  it('parse through the output schemas of their operations', () => {
    expect(ListAlertsOutput.safeParse(alertsList).error?.issues ?? []).toEqual([]);
    expect(GetAlertOutput.safeParse(documentedAlert).error?.issues ?? []).toEqual([]);
    expect(GetAlertOutput.safeParse(networkAlert).error?.issues ?? []).toEqual([]);
    expect(GetMachineOutput.parse(fixture('machine-get.json')).computerDnsName).toBe('mymachine1.contoso.com');
    expect(ContainHostOutput.parse(fixture('machine-action-isolate.json'))).toMatchObject({
      type: 'Isolate',
      status: 'Succeeded',
    });
  });
});

describe('defenderAlertNormalizer', () => {
  it('turns the documented alert into a Detection Finding with machine, users, process and file evidence', () => {
    const [alert] = normalizeDefenderAlerts(documentedAlert);
    expect(alert).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 2,
      status_id: 1,
      time: Date.parse('2021-01-26T20:33:57.722Z'),
      finding_info: {
        uid: 'da637472900382838869_1364969609',
        title: 'Low-reputation arbitrary code executed by signed executable',
        types: ['Execution'],
        analytic: { uid: '17e10bbc-3a68-474a-8aad-faef14d43952', name: 'WindowsDefenderAtp' },
        first_seen_time: Date.parse('2021-01-26T20:31:32.956Z'),
      },
      device: { uid: '111e6dd8c833c8a052ea231ec1b19adaf497b625', hostname: 'temp123.middleeast.corp.microsoft.com' },
      attacks: [{ technique: { uid: 'T1064' } }, { technique: { uid: 'T1085' } }, { technique: { uid: 'T1220' } }],
      metadata: {
        product: { vendor_name: 'Microsoft', name: 'Defender for Endpoint' },
        uid: 'da637472900382838869_1364969609',
        tenant_uid: 'a839b112-1253-6432-9bf6-94542403f21c',
        correlation_uid: '1126093',
      },
    });
    expect(entities(alert!)).toEqual([
      'host:temp123.middleeast.corp.microsoft.com',
      'user:domain\\temp123',
      'user:domain\\name',
      'email:temp123@microsoft.com',
      'process:rundll32.exe',
      'file:c:\\windows\\syswow64\\rundll32.exe',
      'hash:sha256:a4752c71d81afd3d5865d24ddb11a6b0c615062fcc448d24050c2172d2cbccd6',
      'hash:sha1:ff836cfb1af40252bd2a2ea843032e99a5b262ed',
      'file:c:\\windows\\system32\\rundll32.exe',
      'file:c:\\temp\\suspicious.dll',
      'hash:sha256:dc0ade0c95d6db98882bc8fa6707e64353cd6f7767ff48d6a81a6c2aef21c608',
      'hash:sha1:8563f95b2f8a284fc99da44500cd51a77c1ff36c',
    ]);
  });

  it('maps URL and IP evidence, sub-techniques and the threat name', () => {
    const [alert] = normalizeDefenderAlerts(networkAlert);
    expect(alert).toMatchObject({
      severity_id: 4,
      status_id: 2,
      status: 'InProgress',
      malware: [{ name: 'TrojanDownloader:JS/Gootloader.A' }],
      attacks: [
        { technique: { uid: 'T1059' }, sub_technique: { uid: 'T1059.007' } },
        { technique: { uid: 'T1071' }, sub_technique: { uid: 'T1071.001' } },
        { technique: { uid: 'T1105' } },
      ],
    });
    expect(entities(alert!)).toEqual([
      'host:ws-fin-042.corp.contoso.com',
      'user:corp\\alex.morgan',
      'email:alex.morgan@contoso.com',
      'process:wscript.exe',
      'file:c:\\windows\\system32\\wscript.exe',
      'hash:sha256:c71961742f832d7409f59363b9692a584e4e12af1f7e13cd668a28710a2f5d06',
      'hash:sha1:d4f11db52e34a82fe0fd95fa2853a829bcc265ac',
      'process:explorer.exe',
      'file:c:\\windows\\explorer.exe',
      'file:c:\\users\\alex.morgan\\downloads\\invoice_loader.js',
      'hash:sha256:efd9dc02ee0b1d34e3ea7929e55e2cfa0b9bebf82aa45231bc647e3c9f2b664a',
      'hash:sha1:9999a342fcd6f6e3bcc430de40c213c9f0ed3bab',
      'url:https://invoices-portal.example.net/download/inv_2026_q3.php?id=88412',
      'ip:198.51.100.77',
    ]);
  });

  it('normalizes the OData list envelope, alerts without evidence included', () => {
    const alerts = normalizeDefenderAlerts(alertsList);
    expect(alerts.map((alert) => [alert.finding_info?.uid, alert.severity_id])).toEqual([
      ['da637029414680409372_735564929', 3],
      ['da637029413772554314_295039533', 2],
      ['da636983472338927033_-2077013687', 2],
    ]);
    for (const alert of alerts) {
      // `category` is the string "null" in this recording: no finding type.
      expect(alert.finding_info?.types).toBeUndefined();
      expect(alert.device).toEqual({ uid: '43df73d1dac43593d1275e20422f44a949f6dfc3' });
      expect(entities(alert)).toEqual([]);
    }
  });

  it('keeps the vendor payload verbatim in raw_data and produces alerts parseAlert accepts', () => {
    const alerts = normalizeDefenderAlerts(alertsList);
    alerts.forEach((alert, index) => {
      expect(alert.raw_data).toBe(JSON.stringify(alertsList.value[index]));
      expect(parseAlert(alert)).toEqual(alert);
    });
    expect(alertNormalizers).toEqual([defenderAlertNormalizer]);
  });

  it('names the bad field of a malformed alert', () => {
    const broken = { value: [{ ...documentedAlert, mitreTechniques: 'T1059' }] };
    let error: unknown;
    try {
      normalizeDefenderAlerts(broken);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('value[0].mitreTechniques');
  });

  it('refuses an alert without any timestamp', () => {
    const untimed = {
      ...documentedAlert,
      alertCreationTime: null,
      firstEventTime: null,
      lastEventTime: null,
      lastUpdateTime: null,
    };
    expect(() => normalizeDefenderAlerts(untimed)).toThrow(/timestamp/);
  });
});

describe('defenderSeverityId', () => {
  it.each([
    ['Informational', 1],
    ['Low', 2],
    ['Medium', 3],
    ['High', 4],
    ['UnSpecified', 0],
    [null, 0],
  ])('%s -> %i', (severity, expected) => {
    expect(defenderSeverityId(severity)).toBe(expected);
  });
});
