import { readFileSync } from 'node:fs';
import { entitiesOfAlert, UnrecognizedAlertError, ValidationError } from '@rampart/core';
import { describe, expect, it } from 'vitest';
import { GetFindingsOutput, ListDetectorsOutput, ListFindingsOutput } from '../generated/schemas.js';
import { alertNormalizers, normalizeGuardDutyAlerts } from '../index.js';
import { severityIdOf } from './guardduty-finding.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8'));

const getFindings = fixture('get-findings.json') as { findings: Array<Record<string, unknown>> };

describe('recorded GuardDuty responses', () => {
  it('parse through the output schemas of their operations', () => {
    expect(GetFindingsOutput.safeParse(getFindings).error?.issues ?? []).toEqual([]);
    expect(ListFindingsOutput.safeParse(fixture('list-findings.json')).error?.issues ?? []).toEqual([]);
    expect(ListDetectorsOutput.safeParse(fixture('list-detectors.json')).error?.issues ?? []).toEqual([]);
  });

  it('keep unknown vendor fields', () => {
    const parsed = GetFindingsOutput.parse(getFindings);
    expect(parsed.findings[1]?.service?.evidence?.threatIntelligenceDetails?.[0]?.threatListName).toBe('ProofPoint');
    expect((parsed.findings[0] as Record<string, unknown>).partition).toBe('aws');
  });
});

describe('GuardDuty finding normalizer', () => {
  const alerts = normalizeGuardDutyAlerts(getFindings);

  it('turns a GetFindings body into one Detection Finding per finding', () => {
    expect(alerts).toHaveLength(4);
    for (const alert of alerts) {
      expect(alert.class_uid).toBe(2004);
      expect(alert.category_uid).toBe(2);
      expect(alert.metadata.product).toEqual({ vendor_name: 'Amazon Web Services', name: 'Amazon GuardDuty' });
      expect(alert.metadata.tenant_uid).toBe('123456789012');
    }
  });

  it('maps instance credential exfiltration: access key, role, caller IP, time and severity', () => {
    const alert = alerts[0]!;
    const native = getFindings.findings[0]!;
    expect(alert.severity_id).toBe(4);
    expect(alert.time).toBe(Date.parse('2024-05-14T09:27:03.102Z'));
    expect(alert.activity_id).toBe(2);
    expect(alert.metadata.uid).toBe('0ac7e5b2f9a4c1d8e3b6a9f2c5d8e1b4');
    expect(alert.finding_info).toMatchObject({
      uid: '0ac7e5b2f9a4c1d8e3b6a9f2c5d8e1b4',
      title: 'Credentials for instance role ec2-app-role used from external IP address.',
      types: ['UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS'],
      created_time: Date.parse('2024-05-14T09:12:44.311Z'),
      first_seen_time: Date.parse('2024-05-14T09:05:12.000Z'),
      last_seen_time: Date.parse('2024-05-14T09:24:51.000Z'),
    });
    expect(alert.resources).toEqual([
      {
        uid: 'ASIAIOSFODNN7EXAMPLE',
        name: 'ec2-app-role',
        type: 'AWS::IAM::AccessKey',
        region: 'us-east-1',
        cloud_partition: 'aws',
      },
    ]);
    expect(alert.observables).toEqual(
      expect.arrayContaining([
        { name: 'resources.uid', type_id: 10, value: 'ASIAIOSFODNN7EXAMPLE' },
        { name: 'evidences.actor.user.name', type_id: 4, value: 'ec2-app-role' },
        { name: 'evidences.src_endpoint.ip', type_id: 2, value: '198.51.100.23' },
      ]),
    );
    expect(alert.attacks).toBeUndefined();
    expect(alert.raw_data).toBe(JSON.stringify(native));
    expect(entitiesOfAlert(alert)).toEqual({
      entities: [
        { kind: 'cloud_resource', value: 'ASIAIOSFODNN7EXAMPLE' },
        { kind: 'user', value: 'ec2-app-role' },
        { kind: 'ip', value: '198.51.100.23' },
      ],
      rejected: [],
    });
  });

  it('maps outbound C&C traffic: the instance ARN, its private IP and the remote IP', () => {
    const alert = alerts[1]!;
    const instanceArn = 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abcdef1234567890';
    expect(alert.resources?.[0]).toMatchObject({ uid: instanceArn, name: 'i-0abcdef1234567890' });
    const evidence = (alert as unknown as { evidences: Array<Record<string, Record<string, unknown>>> }).evidences[0]!;
    expect(evidence.dst_endpoint).toMatchObject({ ip: '203.0.113.77', port: 443, location: { country: 'DE' } });
    expect(evidence.src_endpoint).toMatchObject({ ip: '10.0.1.25', instance_uid: 'i-0abcdef1234567890' });
    expect(entitiesOfAlert(alert).entities).toEqual([
      { kind: 'cloud_resource', value: instanceArn },
      { kind: 'ip', value: '203.0.113.77' },
      { kind: 'ip', value: '10.0.1.25' },
    ]);
  });

  it('maps a C&C DNS query to a domain entity', () => {
    const alert = alerts[2]!;
    expect(alert.activity_id).toBe(1);
    expect(alert.observables).toContainEqual({
      name: 'evidences.query.hostname',
      type_id: 1,
      value: 'guarddutyc2activityb.com',
    });
    expect(entitiesOfAlert(alert).entities).toContainEqual({ kind: 'domain', value: 'guarddutyc2activityb.com' });
  });

  it('maps an archived S3 discovery finding: bucket ARN, ATT&CK tactic, closed and suppressed', () => {
    const alert = alerts[3]!;
    expect(alert.severity_id).toBe(3);
    expect(alert.activity_id).toBe(3);
    expect(alert.status_id).toBe(3);
    expect(alert.attacks).toEqual([{ tactic: { uid: 'TA0007', name: 'Discovery' } }]);
    expect(entitiesOfAlert(alert).entities).toEqual([
      { kind: 'cloud_resource', value: 'AKIAI44QH8DHBEXAMPLE' },
      { kind: 'cloud_resource', value: 'arn:aws:s3:::acme-finance-reports' },
      { kind: 'user', value: 'jane.doe' },
      { kind: 'ip', value: '203.0.113.201' },
    ]);
  });

  it('unwraps an EventBridge "GuardDuty Finding" event and keeps the event as raw data', () => {
    const event = fixture('eventbridge-finding.json') as { detail: { id: string } };
    const [alert] = normalizeGuardDutyAlerts(event);
    expect(alert?.metadata.uid).toBe(event.detail.id);
    expect(alert?.severity_id).toBe(4);
    expect(alert?.raw_data).toBe(JSON.stringify(event));
    expect(entitiesOfAlert(alert!).entities).toContainEqual({ kind: 'ip', value: '203.0.113.77' });
  });

  it('accepts one finding or an array as well as the list envelope', () => {
    expect(normalizeGuardDutyAlerts(getFindings.findings[0])).toHaveLength(1);
    expect(normalizeGuardDutyAlerts(getFindings.findings)).toHaveLength(4);
    expect(alertNormalizers.map((normalizer) => normalizer.id)).toEqual([
      'aws-guardduty.finding',
      'aws-guardduty.eventbridge-finding',
    ]);
  });

  it('rejects payloads that are not findings, naming where', () => {
    expect(() => normalizeGuardDutyAlerts({ findings: [{ id: 'x' }] })).toThrow(UnrecognizedAlertError);
    const broken = { ...getFindings.findings[0], updatedAt: 'yesterday' };
    const error = (() => {
      try {
        alertNormalizers[0]!.normalize(broken);
      } catch (caught) {
        return caught;
      }
    })();
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues[0]?.path).toBe('updatedAt');
  });
});

describe('GuardDuty severity', () => {
  it.each([
    [1, 2],
    [3.9, 2],
    [4, 3],
    [6.9, 3],
    [7, 4],
    [8.9, 4],
    [9, 5],
    [10, 5],
    [0.5, 1],
    [Number.NaN, 0],
  ])('%s maps to OCSF severity_id %s', (severity, expected) => {
    expect(severityIdOf(severity)).toBe(expected);
  });
});
