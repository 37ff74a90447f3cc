import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Alert, type AlertInput, observableTypeIds } from './alert.js';
import { parseAlertFastPath } from './alert-fast-path.js';
import { ocsfClasses } from './ocsf-classes.js';

/** An alert that uses every member the schema models, plus members it does not. */
const full: AlertInput = {
  ...ocsfClasses.detectionFinding,
  activity_id: 1,
  type_uid: 200401,
  severity_id: 4,
  severity: 'High',
  time: Date.UTC(2026, 10, 27, 9, 0, 0),
  message: 'Credential dumping',
  status_id: 1,
  finding_info: {
    uid: 'finding-1',
    title: 'Credential dumping',
    desc: 'LSASS read',
    types: ['Credential Access'],
    analytic: { uid: 'rule-7', name: 'lsass', type_id: 1, type: 'Rule' },
    created_time: 1,
    first_seen_time: 2,
    last_seen_time: 3,
    src_url: 'https://console.example/finding-1',
  },
  observables: [
    { name: 'device.hostname', type_id: observableTypeIds.hostname, type: 'Hostname', value: 'WS-1' },
    { name: 'src_endpoint.ip', type_id: observableTypeIds.ipAddress, value: '198.51.100.7' },
  ],
  resources: [
    {
      uid: 'arn:aws:iam::123456789012:user/jane',
      name: 'jane',
      type: 'user',
      region: 'us-east-1',
      cloud_partition: 'aws',
    },
  ],
  attacks: [
    {
      tactic: { uid: 'TA0006', name: 'Credential Access' },
      technique: { uid: 'T1003', name: 'OS Credential Dumping' },
      sub_technique: { uid: 'T1003.001', name: 'LSASS Memory' },
      version: '15',
    },
  ],
  metadata: {
    version: '1.8.0',
    product: { vendor_name: 'Vendor', name: 'EDR', uid: 'edr', version: '2' },
    uid: 'event-1',
    tenant_uid: 'tenant-1',
    original_time: '2026-11-27T09:00:00Z',
    logged_time: 4,
    labels: ['prod'],
  },
  raw_data: '{"id":"event-1"}',
  unmapped: { vendor_field: { nested: true } },
};

/** The shortest valid alert: every default left to the parser. */
const minimal: AlertInput = {
  ...ocsfClasses.authentication,
  severity_id: 2,
  time: 0,
  message: 'Sign-in from a new country',
  metadata: { product: { vendor_name: 'Okta', name: 'System Log' }, uid: 'login-1' },
};

/** Every place a value sits in `full`, as a path of keys. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((element, index) => [index, element] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, element]) => pathsOf(element, [...prefix, key]))];
}

function withValueAt(root: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) delete parent[last];
  else parent[last] = value;
  return copy;
}

class NotPlain {
  readonly uid = 'x';
}

const oddValues: unknown[] = [
  undefined,
  null,
  '',
  'T1',
  'TA0001',
  -1,
  0,
  1.5,
  7,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  ['x'],
  [1],
  {},
  { uid: 'T1566' },
  new NotPlain(),
  new Date(0),
];

/** zod's verdict on `input` against the fast path's: the fast path may step aside, never disagree. */
function expectAgreement(input: unknown): 'fast' | 'declined' {
  const fast = parseAlertFastPath(input);
  const reference = Alert.safeParse(input);
  if (fast === undefined) return 'declined';
  expect(reference.success, `zod rejects what the fast path accepted: ${JSON.stringify(input)}`).toBe(true);
  expect(fast).toStrictEqual(reference.data);
  return 'fast';
}

/** Paths of schema members that `sample` lacks: the mutation tests below only reach members the sample has. */
function membersMissingFrom(schema: z.ZodType, sample: unknown, path = ''): string[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    return membersMissingFrom(schema.unwrap() as z.ZodType, sample, path);
  }
  if (schema instanceof z.ZodArray) {
    return Array.isArray(sample) && sample.length > 0
      ? membersMissingFrom(schema.element as z.ZodType, sample[0], `${path}[0]`)
      : [path];
  }
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, member]) => {
    const value = (sample as Record<string, unknown>)[key];
    return value === undefined ? [`${path}.${key}`] : membersMissingFrom(member, value, `${path}.${key}`);
  });
}

describe('parseAlertFastPath', () => {
  it('is tested on an alert that has every member the schema declares', () => {
    // A member added to the schema but not to the fast path would be copied unchecked; this fails until the
    // sample carries it, and then the mutation tests below fail until the fast path checks it.
    expect(membersMissingFrom(Alert, full)).toEqual([]);
  });

  it('accepts valid alerts with the output zod gives, defaults included', () => {
    expect(expectAgreement(full)).toBe('fast');
    expect(expectAgreement(minimal)).toBe('fast');
    const parsed = parseAlertFastPath(minimal)!;
    expect(parsed.activity_id).toBe(0);
    expect(parsed.observables).toEqual([]);
    expect(parsed.metadata.version).toBe('1.8.0');
  });

  it('returns fresh objects for every modeled level, so the input can change without changing the alert', () => {
    const input = structuredClone(full);
    const parsed = parseAlertFastPath(input)!;
    input.observables![0]!.value = 'changed';
    input.metadata.product.name = 'changed';
    input.finding_info!.types!.push('changed');
    input.attacks![0]!.tactic!.uid = 'TA0001';
    expect(parsed).toStrictEqual(Alert.parse(full));
  });

  it('never accepts what zod rejects, and agrees with zod on what both accept, whatever one member holds', () => {
    for (const base of [full, minimal]) {
      const paths = pathsOf(base).filter((path) => path.length > 0);
      for (const path of paths) {
        expectAgreement(withValueAt(base, path, undefined, true));
        for (const value of oddValues) expectAgreement(withValueAt(base, path, value, false));
      }
    }
  });

  it('agrees with zod on random alert shapes', () => {
    const member = fc.oneof(
      fc.constantFrom(...oddValues),
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.array(fc.string(), { maxLength: 2 }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(full, minimal),
        fc.array(fc.tuple(fc.nat(), member, fc.boolean()), { minLength: 1, maxLength: 3 }),
        (base, edits) => {
          let input: unknown = base;
          for (const [pick, value, remove] of edits) {
            const paths = pathsOf(input).filter((path) => path.length > 0);
            if (paths.length === 0) break;
            input = withValueAt(input, paths[pick % paths.length]!, value, remove);
          }
          expectAgreement(input);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('leaves non-objects and class instances to zod', () => {
    for (const input of [null, 'alert', 42, [full], new NotPlain()]) expect(parseAlertFastPath(input)).toBeUndefined();
  });
});
