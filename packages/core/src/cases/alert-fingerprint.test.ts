import { describe, expect, it } from 'vitest';
import { parseAlert } from '../alerts/alert.js';
import { alertInput } from './__fixtures__/alert-factory.js';
import { alertFingerprint, contentFingerprint } from './alert-fingerprint.js';

const alert = (uid: string, options: Parameters<typeof alertInput>[1] = {}) => parseAlert(alertInput(uid, options));

describe('alertFingerprint', () => {
  it('is the vendor, product and vendor id: stable across deliveries, case-insensitive in the names', () => {
    const first = alertFingerprint(alert('evt-1', { vendor: 'Okta', time: 1 }), []);
    expect(alertFingerprint(alert('evt-1', { vendor: 'OKTA', time: 2, severityId: 5 }), ['user:jane'])).toBe(first);
    expect(alertFingerprint(alert('evt-2', { vendor: 'Okta' }), [])).not.toBe(first);
    expect(alertFingerprint(alert('evt-1', { vendor: 'Microsoft' }), [])).not.toBe(first);
  });

  it('uses finding_info.uid when the alert has no event id', () => {
    const input = alertInput('finding-9');
    const withoutEventId = parseAlert({ ...input, metadata: { product: input.metadata.product } });
    const other = parseAlert({
      ...input,
      finding_info: { uid: 'finding-10', title: 'x' },
      metadata: { product: input.metadata.product },
    });
    expect(alertFingerprint(withoutEventId, [])).not.toBe(alertFingerprint(other, []));
  });

  it('hashes identities too long to keep as they are', () => {
    const long = alertFingerprint(alert('x'.repeat(500)), []);
    expect(long).toMatch(/^sha256:[\w-]{43}$/);
    expect(alertFingerprint(alert('x'.repeat(500)), [])).toBe(long);
  });
});

describe('contentFingerprint', () => {
  it('matches the same detection in the same hour whatever its id, entity order or severity', () => {
    const first = contentFingerprint(alert('a', { title: 'Brute force', time: 3_600_000 }), [
      'user:jane',
      'ip:203.0.113.7',
    ]);
    expect(
      contentFingerprint(alert('b', { title: 'Brute force', time: 3_600_000 + 59 * 60_000, severityId: 5 }), [
        'ip:203.0.113.7',
        'user:jane',
      ]),
    ).toBe(first);
    expect(
      contentFingerprint(alert('c', { title: 'Brute force', time: 2 * 3_600_000 }), ['user:jane', 'ip:203.0.113.7']),
    ).not.toBe(first);
    expect(contentFingerprint(alert('d', { title: 'Brute force', time: 3_600_000 }), ['user:jane'])).not.toBe(first);
  });
});
