import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { emptyGovernance, governanceFrom, valuesOf } from './governance.js';

const governance = governanceFrom({
  criticalAssets: [
    'host:DC-01.corp.acme.example',
    'cloud_resource:arn:aws:iam::123456789012:role/prod-admin',
    'fa3c2b1e9d8f4a67',
  ],
  vips: ['user:ceo@acme.example', 'user:ACME\\cfo'],
  internalOnly: [
    'domain:intranet.acme.example',
    'hash:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
    'ip:10.20.30.40',
  ],
});

const labelsOf = (...values: string[]) => governance.match(values).map((match) => `${match.label} ${match.entry}`);

describe('governanceFrom', () => {
  it('matches hosts by canonical name, and a short name against its qualified form', () => {
    expect(labelsOf('dc-01.corp.acme.example')).toEqual(['critical-asset host:DC-01.corp.acme.example']);
    expect(labelsOf('DC-01')).toEqual(['critical-asset host:DC-01.corp.acme.example']);
    expect(labelsOf('dc-02.corp.acme.example', 'dc-01.other.example')).toEqual([]);
  });

  it('matches bare identifiers case-insensitively, and typed cloud resources canonically', () => {
    expect(labelsOf('FA3C2B1E9D8F4A67')).toEqual(['critical-asset fa3c2b1e9d8f4a67']);
    expect(labelsOf('arn:aws:iam::123456789012:role/prod-admin')).toHaveLength(1);
  });

  it('matches accounts across DOMAIN\\name, name@domain and name', () => {
    expect(labelsOf('CEO@acme.example')).toEqual(['vip user:ceo@acme.example']);
    expect(labelsOf('cfo@acme.example')).toEqual(['vip user:ACME\\cfo']);
    expect(labelsOf('ACME\\ceo')).toEqual(['vip user:ceo@acme.example']);
    expect(labelsOf('jane.doe@acme.example', 'Contain the laptop of the ceo now')).toEqual([]);
  });

  it('covers internal subdomains, URLs and addresses under an internal domain, and exact hashes and IPs', () => {
    expect(labelsOf('wiki.intranet.acme.example')).toEqual(['internal-only domain:intranet.acme.example']);
    expect(labelsOf('https://wiki.intranet.acme.example/page')).toEqual(['internal-only domain:intranet.acme.example']);
    expect(labelsOf('build@intranet.acme.example')).toContain('internal-only domain:intranet.acme.example');
    expect(labelsOf('notintranet.acme.example', 'acme.example')).toEqual([]);
    expect(labelsOf('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toHaveLength(1);
    expect(labelsOf('10.20.30.40')).toHaveLength(1);
    expect(labelsOf('10.20.30.41')).toEqual([]);
  });

  it('reports each entry once, with the value that named it', () => {
    expect(governance.match(['dc-01', 'DC-01.corp.acme.example'])).toEqual([
      { label: 'critical-asset', entry: 'host:DC-01.corp.acme.example', value: 'dc-01' },
    ]);
  });

  it('rejects facts that are not lists of strings', () => {
    expect(() => governanceFrom({ vips: [''] })).toThrow(ValidationError);
    expect(() => governanceFrom({ vip: ['x'] } as never)).toThrow(ValidationError);
    expect(emptyGovernance.match(['anything'])).toEqual([]);
  });
});

describe('valuesOf', () => {
  it('collects strings and numbers at any depth, in order', () => {
    expect(valuesOf({ hostId: 'h-1', options: { note: 'x', ports: [22, 443] }, flag: true, none: null })).toEqual([
      'h-1',
      'x',
      '22',
      '443',
    ]);
    expect(valuesOf('bare')).toEqual(['bare']);
  });

  it('is bounded for hostile inputs', () => {
    let deep: unknown = 'bottom';
    for (let index = 0; index < 100; index++) deep = { next: deep };
    expect(valuesOf(deep)).toEqual([]);
    expect(valuesOf(Array.from({ length: 10_000 }, (_, index) => `v${index}`))).toHaveLength(256);
  });
});
