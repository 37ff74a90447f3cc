import { readFileSync } from 'node:fs';
import { type Alert, entitiesOfAlert, parseAlert, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { GetAlertsOutput, GetHostDetailsOutput, SearchAlertsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeFalconAlerts } from '../index.js';
import { falconAlertNormalizer, falconSeverityId } from './falcon-alert.js';

function fixture(name: string): { resources: Record<string, unknown>[] } {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const cloudIoas = fixture('ioa-alerts-v2-entities.json');
const endpointDetections = fixture('endpoint-detection-alerts-v2-entities.json');

function entities(alert: Alert): string[] {
  const { entities, rejected } = entitiesOfAlert(alert);
  expect(rejected).toEqual([]);
  return entities.map((entity) => `${entity.kind}:${entity.value}`);
}

describe('recorded Falcon responses', () => {
  it('parse through the output schemas of their operations', () => {
    for (const body of [cloudIoas, endpointDetections]) {
      expect(GetAlertsOutput.safeParse(body).error?.issues ?? []).toEqual([]);
    }
    expect(SearchAlertsOutput.safeParse(fixture('ioa-alerts-v2-query.json')).error?.issues ?? []).toEqual([]);
    const hosts = GetHostDetailsOutput.parse(fixture('device-details.json'));
    expect(hosts.resources?.[0]?.hostname).toBe('FALCON-CROWDSTR');
    expect(hosts.resources?.[0]?.status).toBe('normal');
  });
});

describe('falconAlertNormalizer', () => {
  it('turns a cloud IOA into a Detection Finding with the cloud resource, source IP and ATT&CK ids', () => {
    const [alert, minimal] = normalizeFalconAlerts(cloudIoas);
    expect(alert).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 4,
      time: Date.parse('2026-04-20T22:49:13Z'),
      status_id: 1,
      finding_info: {
        uid: '00000000000000000000000000000001:fcs:ioa-211:00000000-0000-0000-0000-000000000002',
        title: 'EC2 security group modified with new ingress rule allowing traffic from the public internet',
        types: ['cloud-ioa', 'fcs'],
        analytic: { uid: '2036', type_id: 1 },
        created_time: Date.parse('2026-04-20T22:49:16.583Z'),
      },
      resources: [{ uid: 'sg-0000000000000dummy', type: 'AWS::EC2::SecurityGroup', region: 'dummy-region-1' }],
      attacks: [
        {
          tactic: { uid: 'TA0005', name: 'Defense Evasion' },
          technique: { uid: 'T1562', name: 'Impair Defenses' },
          sub_technique: { uid: 'T1562.007', name: 'Disable or Modify Cloud Firewall' },
        },
      ],
      metadata: {
        product: { vendor_name: 'CrowdStrike', name: 'Falcon', feature: { name: 'Falcon Cloud Security' } },
        uid: '00000000000000000000000000000001:fcs:ioa-211:00000000-0000-0000-0000-000000000002',
        tenant_uid: '00000000000000000000000000000001',
      },
    });
    expect(entities(alert!)).toEqual([
      'user:dummy-user',
      'ip:192.0.2.1',
      'cloud_resource:AKIAEXAMPLE0000000000',
      'cloud_resource:sg-0000000000000dummy',
    ]);
    expect(minimal).toMatchObject({ severity_id: 2, finding_info: { title: 'Another IOA' }, observables: [] });
    expect(entities(minimal!)).toEqual([]);
  });

  it('turns an endpoint detection into a Detection Finding with host, user, process tree and hashes', () => {
    const [detection] = normalizeFalconAlerts(endpointDetections);
    expect(detection).toMatchObject({
      class_uid: 2004,
      severity_id: 4,
      time: Date.parse('2026-10-14T09:12:41.293Z'),
      finding_info: { title: 'Office application spawned encoded PowerShell', types: ['ldt', 'epp'] },
      device: { uid: '4d92d2adf9009775a446ce0fe2689915', hostname: 'WS-FIN-042' },
      attacks: [
        { tactic: { uid: 'TA0002' }, technique: { uid: 'T1059' }, sub_technique: { uid: 'T1059.001' } },
        { tactic: { uid: 'TA0001' }, technique: { uid: 'T1566' }, sub_technique: { uid: 'T1566.001' } },
      ],
    });
    expect(detection!.observables).toContainEqual({
      name: 'process.cmd_line',
      type_id: 13,
      type: 'Command Line',
      value: expect.stringContaining('-enc'),
    });
    expect(entities(detection!)).toEqual([
      'host:ws-fin-042',
      'ip:10.20.30.42',
      'ip:203.0.113.45',
      'user:corp\\alex.morgan',
      'email:alex.morgan@corp.example.com',
      'process:powershell.exe',
      'file:\\device\\harddiskvolume3\\windows\\system32\\windowspowershell\\v1.0\\powershell.exe',
      'hash:sha256:0847cfc0ed922299000482de8c7e8be7262debee09da5b5f2ce48eb8421909bb',
      'hash:md5:c9e5ca596d5122f431ad26775063147c',
      'process:winword.exe',
      'file:\\device\\harddiskvolume3\\program files\\microsoft office\\root\\office16\\winword.exe',
      'hash:sha256:bc39e1acf0d704bc8ce7cf29707f368050eba3c19349b914c261667c6e0e167a',
      'hash:md5:1503bd275dfc6ceffebf9b2c6e5635e3',
      'process:explorer.exe',
    ]);
  });

  it("keeps Falcon's own tactics out of ATT&CK and maps the matched intel indicator", () => {
    const [, intel] = normalizeFalconAlerts(endpointDetections);
    expect(intel).toMatchObject({ severity_id: 3, status_id: 2, status: 'in_progress' });
    expect(intel!.attacks).toBeUndefined();
    expect(entities(intel!)).toEqual([
      'host:build-runner-07',
      'ip:10.40.0.17',
      'user:ci',
      'process:curl',
      'file:/usr/bin/curl',
      'ip:198.51.100.23',
    ]);
  });

  it('keeps the vendor payload verbatim in raw_data and produces alerts parseAlert accepts', () => {
    const alerts = normalizeFalconAlerts(endpointDetections);
    alerts.forEach((alert, index) => {
      expect(alert.raw_data).toBe(JSON.stringify(endpointDetections.resources[index]));
      expect(parseAlert(alert)).toEqual(alert);
    });
  });

  it('accepts one alert, an array, or the API envelope', () => {
    const one = endpointDetections.resources[0];
    expect(normalizeFalconAlerts(one)).toHaveLength(1);
    expect(normalizeFalconAlerts(endpointDetections.resources)).toHaveLength(2);
    expect(alertNormalizers).toEqual([falconAlertNormalizer]);
  });

  it('names the bad field of a malformed alert', () => {
    const broken = { ...endpointDetections, resources: [{ ...endpointDetections.resources[0], severity: 'high' }] };
    const error = (() => {
      try {
        normalizeFalconAlerts(broken);
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('resources[0].severity');
  });
});

describe('falconSeverityId', () => {
  it.each([
    ['Informational', 10, 1],
    ['Low', 30, 2],
    ['Medium', 50, 3],
    ['High', 70, 4],
    ['Critical', 90, 5],
    [undefined, 15, 1],
    [undefined, 39, 2],
    [undefined, 59, 3],
    [undefined, 79, 4],
    [undefined, 100, 5],
    [undefined, undefined, 0],
  ])('%s / %s -> %i', (name, score, expected) => {
    expect(falconSeverityId(name, score)).toBe(expected);
  });
});
