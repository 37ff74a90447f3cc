import { describe, expect, it } from 'vitest';
import { parseAlert } from '../../alerts/alert.js';
import { ValidationError } from '../../errors.js';
import { entitiesOfAlert } from '../../observables/alert-entities.js';
import { entityKey } from '../../observables/entity.js';
import { stixBundleOfCase, type StixCaseInput } from './case-bundle.js';
import { parseStixBundle } from './stix-bundle-schema.js';

const phishing = (time: number, uid: string, url: string) => {
  const alert = parseAlert({
    class_uid: 2004,
    category_uid: 2,
    severity_id: 4,
    time,
    finding_info: { uid, title: 'Phishing link clicked' },
    metadata: { product: { vendor_name: 'Defender', name: 'Office 365' } },
    observables: [
      { name: 'url', type_id: 6, value: url },
      { name: 'src_endpoint.ip', type_id: 2, value: '198.51.100.3' },
      { name: 'file.hashes', type_id: 8, value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
      { name: 'actor.user.name', type_id: 4, value: 'jane@acme.example' },
    ],
    attacks: [
      {
        technique: { uid: 'T1566', name: 'Phishing' },
        sub_technique: { uid: 'T1566.002', name: 'Spearphishing Link' },
      },
    ],
  });
  return { id: uid, entities: entitiesOfAlert(alert).entities.map(entityKey), alert };
};

const input: StixCaseInput = {
  case: {
    id: 'case_000042',
    tenantId: 'acme',
    title: 'Phishing link clicked by jane',
    createdAt: Date.UTC(2026, 10, 1, 9),
    updatedAt: Date.UTC(2026, 10, 1, 10),
    verdict: { value: 'true_positive' },
  },
  alerts: [
    phishing(Date.UTC(2026, 10, 1, 8, 55), 'a1', "hxxps://evil[.]example/login?next='x'"),
    { ...phishing(Date.UTC(2026, 10, 1, 9, 30), 'a2', 'https://evil.example/login2'), duplicateCount: 2 },
  ],
};

describe('stixBundleOfCase', () => {
  const bundle = stixBundleOfCase(input);
  const ofType = (type: string) => bundle.objects.filter((object) => object.type === type);

  it('is a valid STIX 2.1 bundle whose references all resolve', () => {
    expect(parseStixBundle(JSON.parse(JSON.stringify(bundle)))).toEqual(bundle);
    expect(bundle.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
  });

  it('exports indicators for addresses, URLs and hashes, never the tenant’s own users', () => {
    expect(ofType('indicator').map((object) => (object.type === 'indicator' ? object.pattern : ''))).toEqual([
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      "[ipv4-addr:value = '198.51.100.3']",
      "[url:value = 'https://evil.example/login2']",
      "[url:value = 'https://evil.example/login?next=\\'x\\'']",
    ]);
    expect(JSON.stringify(bundle)).not.toContain('jane@acme.example');
    expect(ofType('indicator')[0]).toMatchObject({
      indicator_types: ['malicious-activity'],
      valid_from: '2026-11-01T08:55:00.000Z',
    });
    expect(ofType('ipv4-addr')).toEqual([
      {
        type: 'ipv4-addr',
        spec_version: '2.1',
        id: 'ipv4-addr--28bb3599-77cd-5a82-a950-b5bc3caf07c4',
        value: '198.51.100.3',
      },
    ]);
  });

  it('sights each indicator at the tenant, counting re-deliveries, from first to last alert', () => {
    const ipIndicator = ofType('indicator').find(
      (object) => object.type === 'indicator' && object.pattern.includes('ipv4'),
    )!;
    const sighting = ofType('sighting').find(
      (object) => object.type === 'sighting' && object.sighting_of_ref === ipIndicator.id,
    );
    expect(sighting).toMatchObject({
      first_seen: '2026-11-01T08:55:00.000Z',
      last_seen: '2026-11-01T09:30:00.000Z',
      count: 4,
    });
    const tenant = ofType('identity').find(
      (object) => object.type === 'identity' && object.identity_class === 'organization',
    );
    expect(sighting?.type === 'sighting' && sighting.where_sighted_refs).toEqual([tenant?.id]);
  });

  it('carries the ATT&CK techniques of the alerts to the case, as attack patterns the indicators indicate', () => {
    expect(
      ofType('attack-pattern').map((object) =>
        object.type === 'attack-pattern' ? [object.name, object.external_references?.[0]] : [],
      ),
    ).toEqual([
      [
        'Phishing',
        { source_name: 'mitre-attack', external_id: 'T1566', url: 'https://attack.mitre.org/techniques/T1566/' },
      ],
      [
        'Spearphishing Link',
        {
          source_name: 'mitre-attack',
          external_id: 'T1566.002',
          url: 'https://attack.mitre.org/techniques/T1566/002/',
        },
      ],
    ]);
    expect(ofType('relationship')).toHaveLength(4 * 2);
    const grouping = ofType('grouping')[0];
    expect(
      grouping?.type === 'grouping' && grouping.external_references?.map((reference) => reference.external_id),
    ).toEqual(['case_000042', 'T1566', 'T1566.002']);
  });

  it('is deterministic: the same case gives the same bundle, another tenant other ids', () => {
    expect(stixBundleOfCase(input)).toEqual(bundle);
    const other = stixBundleOfCase({ ...input, case: { ...input.case, tenantId: 'globex' } });
    expect(other.objects.find((object) => object.type === 'indicator')?.id).not.toBe(ofType('indicator')[0]?.id);
  });

  it('exports a case without indicators as just the identities', () => {
    expect(stixBundleOfCase({ ...input, alerts: [] }).objects.map((object) => object.type)).toEqual([
      'identity',
      'identity',
    ]);
  });
});

describe('parseStixBundle', () => {
  it('rejects a dangling reference and a malformed id, naming where', () => {
    const bundle = stixBundleOfCase(input);
    const sighting = bundle.objects.findIndex((object) => object.type === 'sighting');
    const broken = structuredClone(bundle) as { objects: Record<string, unknown>[] };
    broken.objects[sighting]!.sighting_of_ref = 'indicator--00000000-0000-4000-8000-000000000000';
    broken.objects[0]!.id = 'identity--nope';
    try {
      parseStixBundle(broken);
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      const paths = (error as ValidationError).issues.map((issue) => issue.path);
      expect(paths).toContain('objects[0].id');
    }
    const dangling = structuredClone(bundle) as { objects: Record<string, unknown>[] };
    dangling.objects[sighting]!.sighting_of_ref = 'indicator--00000000-0000-4000-8000-000000000000';
    expect(() => parseStixBundle(dangling)).toThrow(
      /sighting_of_ref: indicator--00000000-0000-4000-8000-000000000000 is not in the bundle/,
    );
  });
});
