import { describe, expect, it } from 'vitest';
import { entityKey, parseEntityKey } from './entity.js';
import { parseObservable } from './parse-observable.js';

describe('entity keys', () => {
  it('round-trip kind and value, even when the value holds ":"', () => {
    for (const entity of [
      parseObservable('ip', '2001:db8::1'),
      parseObservable('url', 'https://example.com:8443/a:b'),
      parseObservable('hash', 'D41D8CD98F00B204E9800998ECF8427E'),
      parseObservable('cloud_resource', 'arn:aws:iam::123456789012:user/alice'),
    ]) {
      const key = entityKey(entity);
      expect(key.startsWith(`${entity.kind}:`)).toBe(true);
      expect(parseEntityKey(key)).toEqual(entity);
    }
  });

  it('rejects unknown kinds', () => {
    expect(() => parseEntityKey('planet:mars')).toThrow();
  });
});
