import { readFileSync } from 'node:fs';
import { type Alert, entitiesOfAlert, parseAlert, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { ListThreatsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeSentinelOneAlerts } from '../index.js';
import { sentinelOneSeverityId, sentinelOneThreatNormalizer } from './sentinelone-threat.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));
}

const threatsList = fixture('threats-list-v2.1.json') as { data: Record<string, unknown>[] };
const behaviouralThreat = fixture('threat-with-mitre.json');

function entities(alert: Alert): string[] {
  const { entities, rejected } = entitiesOfAlert(alert);
  expect(rejected).toEqual([]);
  return entities.map((entity) => `${entity.kind}:${entity.value}`);
}

describe('recorded SentinelOne responses', () => {
  it('parse through the output schema of listThreats', () => {
    expect(ListThreatsOutput.safeParse(threatsList).error?.issues ?? []).toEqual([]);
    expect(ListThreatsOutput.safeParse({ data: [behaviouralThreat] }).error?.issues ?? []).toEqual([]);
  });
});

describe('sentinelOneThreatNormalizer', () => {
  it('turns a mitigated malware threat into a resolved Detection Finding with the endpoint, user, file and hash', () => {
    const [threat] = normalizeSentinelOneAlerts(threatsList);
    expect(threat).toMatchObject({
      class_uid: 2004,
      category_uid: 2,
      severity_id: 4,
      status_id: 4,
      status: 'resolved',
      status_detail: 'Mitigated',
      confidence_id: 3,
      time: Date.parse('2019-09-15T12:05:49.009Z'),
      finding_info: {
        uid: '715718962991148224',
        title: 'Unconfirmed 123490.crdownload',
        types: ['Malware', 'static'],
        analytic: { name: 'Reputation' },
        created_time: Date.parse('2019-09-15T12:05:49.095Z'),
      },
      device: { uid: '657613730168123595', hostname: 'EC2AMAZ-AJ0KANC', domain: 'WORKGROUP' },
      metadata: {
        product: { vendor_name: 'SentinelOne', name: 'Singularity Endpoint' },
        uid: '715718962991148224',
        tenant_uid: '433241117337583618',
        correlation_uid: 'A8F6CB4CB9AE09A1',
      },
    });
    expect(threat!.attacks).toBeUndefined();
    expect(entities(threat!)).toEqual([
      'host:ec2amaz-aj0kanc',
      'ip:8.8.8.8',
      'user:ec2amaz-aj0kanc\\administrator',
      'file:\\device\\harddiskvolume1\\users\\administrator\\downloads\\unconfirmed 123490.crdownload',
      'hash:sha1:3395856ce81f2b7382dee72602f798b642f14140',
    ]);
  });

  it('normalizes the whole list envelope; an empty processUser names no user', () => {
    const threats = normalizeSentinelOneAlerts(threatsList);
    expect(threats.map((threat) => threat.finding_info?.uid)).toEqual([
      '715718962991148224',
      '715723437013282014',
      '715723444638526700',
      '715723450678324472',
    ]);
    expect(entities(threats[2]!).some((entity) => entity.startsWith('user:'))).toBe(false);
  });

  it('maps MITRE tactics by name, techniques and sub-techniques, and leaves link-local IPv6 out', () => {
    const [threat] = normalizeSentinelOneAlerts(behaviouralThreat);
    expect(threat).toMatchObject({
      severity_id: 3,
      status_id: 2,
      confidence_id: 2,
      attacks: [
        {
          tactic: { uid: 'TA0002', name: 'Execution' },
          technique: { uid: 'T1059' },
          sub_technique: { uid: 'T1059.001' },
        },
        { tactic: { uid: 'TA0005', name: 'Defense Evasion' }, technique: { uid: 'T1027' } },
        {
          tactic: { uid: 'TA0003', name: 'Persistence' },
          technique: { uid: 'T1053' },
          sub_technique: { uid: 'T1053.005' },
        },
      ],
    });
    expect(entities(threat!)).toEqual([
      'host:ws-fin-042',
      'ip:10.20.30.42',
      'ip:192.168.56.1',
      'ip:203.0.113.45',
      'user:corp\\alex.morgan',
      'file:\\device\\harddiskvolume3\\users\\alex.morgan\\appdata\\roaming\\svc_update.ps1',
      'hash:sha256:1ccc50ff61de0873096def97671e7c1278ac91f30ff797cbbb25cf2b92cea716',
      'hash:sha1:4b5968b347b138abbfd7eabc743b8b839de35710',
      'hash:md5:24ee67a8c8586dc88ea6525420891428',
      'process:powershell.exe',
    ]);
  });

  it('keeps the vendor payload verbatim in raw_data and produces alerts parseAlert accepts', () => {
    const threats = normalizeSentinelOneAlerts(threatsList);
    threats.forEach((threat, index) => {
      expect(threat.raw_data).toBe(JSON.stringify(threatsList.data[index]));
      expect(parseAlert(threat)).toEqual(threat);
    });
    expect(alertNormalizers).toEqual([sentinelOneThreatNormalizer]);
  });

  it('names the bad field of a malformed threat', () => {
    const broken = {
      data: [{ ...behaviouralThreat, threatInfo: { ...(behaviouralThreat.threatInfo as object), engines: 'AI' } }],
    };
    let error: unknown;
    try {
      normalizeSentinelOneAlerts(broken);
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toContain('data[0].threatInfo.engines');
  });
});

describe('sentinelOneSeverityId', () => {
  it.each([
    ['malicious', 4],
    ['suspicious', 3],
    ['n/a', 0],
    [undefined, 0],
  ])('%s -> %i', (confidence, expected) => {
    expect(sentinelOneSeverityId(confidence)).toBe(expected);
  });
});
