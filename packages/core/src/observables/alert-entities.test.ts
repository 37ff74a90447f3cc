import { describe, expect, it } from 'vitest';
import { type AlertInput, observableTypeIds, parseAlert } from '../alerts/alert.js';
import { entitiesOfAlert } from './alert-entities.js';

const ids = observableTypeIds;

function alertWith(observables: AlertInput['observables'], resources?: AlertInput['resources']) {
  return parseAlert({
    class_uid: 2004,
    category_uid: 2,
    severity_id: 4,
    time: 1_767_225_600_000,
    finding_info: { uid: 'finding-1', title: 'Suspicious sign-in' },
    metadata: { product: { vendor_name: 'Example', name: 'Detector' } },
    observables,
    resources,
  });
}

describe('entitiesOfAlert', () => {
  it('maps observable type ids to canonical entities', () => {
    const alert = alertWith([
      { name: 'src_endpoint.ip', type_id: ids.ipAddress, value: '::ffff:203.0.113.7' },
      { name: 'device.hostname', type_id: ids.hostname, value: 'WS-042.corp.example.com' },
      { name: 'actor.user.name', type_id: ids.userName, value: 'CORP\\Alice' },
      { name: 'email.from', type_id: ids.emailAddress, value: 'Mallory <Mallory@Evil.example>' },
      { name: 'url.url_string', type_id: ids.urlString, value: 'hxxps://evil[.]example/login#x' },
      { name: 'file.name', type_id: ids.fileName, value: 'Invoice.EXE' },
      { name: 'file.hashes[0].value', type_id: ids.hash, value: 'D41D8CD98F00B204E9800998ECF8427E' },
      { name: 'process.name', type_id: ids.processName, value: 'PowerShell.exe' },
      { name: 'resources[0].uid', type_id: ids.resourceUid, value: 'ARN:aws:iam::123456789012:user/Alice' },
      { name: 'file.path', type_id: ids.filePath, value: '/tmp/Payload' },
    ]);
    expect(entitiesOfAlert(alert)).toEqual({
      entities: [
        { kind: 'ip', value: '203.0.113.7' },
        { kind: 'host', value: 'ws-042.corp.example.com' },
        { kind: 'user', value: 'corp\\alice' },
        { kind: 'email', value: 'mallory@evil.example' },
        { kind: 'url', value: 'https://evil.example/login' },
        { kind: 'file', value: 'invoice.exe' },
        { kind: 'hash', value: 'md5:d41d8cd98f00b204e9800998ecf8427e' },
        { kind: 'process', value: 'powershell.exe' },
        { kind: 'cloud_resource', value: 'arn:aws:iam::123456789012:user/Alice' },
        { kind: 'file', value: '/tmp/Payload' },
      ],
      rejected: [],
    });
  });

  it('reads DNS and URL hostnames as domains, other hostnames as hosts, and IP literals as ips', () => {
    const alert = alertWith([
      { name: 'query.hostname', type_id: ids.hostname, value: 'C2.Evil.example.' },
      { name: 'url.hostname', type_id: ids.hostname, value: 'cdn.example.com' },
      { name: 'query.hostname', type_id: ids.hostname, value: 'WPAD' },
      { name: 'dst_endpoint.hostname', type_id: ids.hostname, value: '10.0.0.5' },
      { name: 'dst_endpoint', type_id: ids.endpoint, value: 'fe80::1%eth0' },
      { name: 'src_endpoint', type_id: ids.endpoint, value: 'Laptop-7' },
    ]);
    expect(entitiesOfAlert(alert).entities).toEqual([
      { kind: 'domain', value: 'c2.evil.example' },
      { kind: 'domain', value: 'cdn.example.com' },
      { kind: 'host', value: 'wpad' },
      { kind: 'ip', value: '10.0.0.5' },
      { kind: 'ip', value: 'fe80::1' },
      { kind: 'host', value: 'laptop-7' },
    ]);
  });

  it('de-duplicates by canonical value, keeping first appearance order', () => {
    const alert = alertWith([
      { name: 'src_endpoint.ip', type_id: ids.ipAddress, value: '2001:DB8::1' },
      { name: 'dst_endpoint.ip', type_id: ids.ipAddress, value: '2001:db8:0:0:0:0:0:1' },
      { name: 'actor.user.name', type_id: ids.userName, value: 'alice' },
      { name: 'user', type_id: ids.user, value: 'ALICE' },
    ]);
    expect(entitiesOfAlert(alert).entities).toEqual([
      { kind: 'ip', value: '2001:db8::1' },
      { kind: 'user', value: 'alice' },
    ]);
  });

  it('de-duplicates alerts with many entities too', () => {
    const observables = Array.from({ length: 60 }, (_, index) => ({
      name: 'src_endpoint.ip',
      type_id: ids.ipAddress,
      value: `10.0.0.${index % 30}`,
    }));
    const { entities } = entitiesOfAlert(alertWith(observables));
    expect(entities).toHaveLength(30);
    expect(new Set(entities.map((entity) => entity.value)).size).toBe(30);
  });

  it('skips values that do not parse and reports them with path and reason', () => {
    const alert = alertWith(
      [
        { name: 'src_endpoint.ip', type_id: ids.ipAddress, value: '10.0.0.256' },
        { name: 'dst_endpoint.ip', type_id: ids.ipAddress, value: '10.0.0.1' },
        { name: 'file.hashes[0].value', type_id: ids.hash, value: '3:abc:def' },
      ],
      [
        { uid: 'arn:aws:iam::12:user/x' },
        { uid: 'i-0abc' },
        { uid: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' },
      ],
    );
    const { entities, rejected } = entitiesOfAlert(alert);
    expect(entities).toEqual([
      { kind: 'ip', value: '10.0.0.1' },
      { kind: 'cloud_resource', value: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' },
    ]);
    expect(rejected).toEqual([
      {
        path: 'observables[0].value',
        kind: 'ip',
        value: '10.0.0.256',
        code: 'out-of-range',
        reason: 'octets[3]: octet 256 is above 255',
      },
      expect.objectContaining({ path: 'observables[2].value', kind: 'hash', code: 'unsupported' }),
      expect.objectContaining({
        path: 'resources[0].uid',
        kind: 'cloud_resource',
        reason: expect.stringMatching(/^accountId:/),
      }),
    ]);
  });

  it('ignores observable types that are not entities and object observables without a value', () => {
    const alert = alertWith([
      { name: 'src_endpoint.mac', type_id: ids.macAddress, value: '00:11:22:33:44:55' },
      { name: 'dst_endpoint.port', type_id: ids.port, value: '443' },
      { name: 'process.cmd_line', type_id: ids.commandLine, value: 'whoami /all' },
      { name: 'http_request.user_agent', type_id: ids.userAgent, value: 'curl/8' },
      { name: 'actor.user', type_id: ids.user, value: '' },
      { name: 'email', type_id: ids.email, value: '<message-id@example.com>' },
      { name: 'custom', type_id: ids.other, value: 'anything' },
    ]);
    expect(entitiesOfAlert(alert)).toEqual({ entities: [], rejected: [] });
  });

  it('rejects an empty value of a scalar type', () => {
    const alert = alertWith([{ name: 'src_endpoint.ip', type_id: ids.ipAddress, value: '' }]);
    expect(entitiesOfAlert(alert).rejected).toEqual([expect.objectContaining({ code: 'empty' })]);
  });

  it('takes only cloud ids (ARN, Azure, Google) from resources[].uid', () => {
    const alert = alertWith(
      [],
      [
        { uid: '/subscriptions/0B1F6471-1BF0-4DDA-AEC3-CB9272F09590/resourceGroups/RG' },
        { uid: 'database-7' },
        { name: 'no uid' },
        { uid: '//storage.googleapis.com/projects/_/buckets/B' },
      ],
    );
    expect(entitiesOfAlert(alert).entities).toEqual([
      { kind: 'cloud_resource', value: '/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourcegroups/rg' },
      { kind: 'cloud_resource', value: '//storage.googleapis.com/projects/_/buckets/B' },
    ]);
  });
});
