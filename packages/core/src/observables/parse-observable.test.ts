import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RampartError, ValidationError } from '../errors.js';
import { entityKinds } from './entity.js';
import { parseObservable, tryParseObservable } from './parse-observable.js';

describe('parseObservable', () => {
  it('returns the canonical entity of each kind', () => {
    expect(parseObservable('ip', '::ffff:10.0.0.1')).toEqual({ kind: 'ip', value: '10.0.0.1' });
    expect(parseObservable('domain', 'Evil[.]COM')).toEqual({ kind: 'domain', value: 'evil.com' });
    expect(parseObservable('url', 'hxxps://Evil[.]com/A#x')).toEqual({ kind: 'url', value: 'https://evil.com/A' });
    expect(parseObservable('email', 'Bob@Example.com')).toEqual({ kind: 'email', value: 'bob@example.com' });
    expect(parseObservable('mailbox', 'Finance@Example.com')).toEqual({
      kind: 'mailbox',
      value: 'finance@example.com',
    });
    expect(parseObservable('hash', 'D41D8CD98F00B204E9800998ECF8427E')).toEqual({
      kind: 'hash',
      value: 'md5:d41d8cd98f00b204e9800998ecf8427e',
    });
    expect(parseObservable('user', 'CORP\\Bob')).toEqual({ kind: 'user', value: 'corp\\bob' });
    expect(parseObservable('host', 'WS-01.corp.example.com')).toEqual({
      kind: 'host',
      value: 'ws-01.corp.example.com',
    });
    expect(parseObservable('process', 'CMD.EXE')).toEqual({ kind: 'process', value: 'cmd.exe' });
    expect(parseObservable('file', '/tmp/X')).toEqual({ kind: 'file', value: '/tmp/X' });
    expect(parseObservable('cloud_resource', 'ARN:aws:s3:::B')).toEqual({
      kind: 'cloud_resource',
      value: 'arn:aws:s3:::B',
    });
  });

  it('throws a ValidationError that names the kind, the value and the part at fault', () => {
    let caught: unknown;
    try {
      parseObservable('ip', '10.0.0.256');
    } catch (error) {
      caught = error;
    }
    expect(ValidationError.isInstance(caught)).toBe(true);
    expect(RampartError.isInstance(caught)).toBe(true);
    const error = caught as ValidationError;
    expect(error.subject).toBe('ip observable "10.0.0.256"');
    expect(error.issues).toEqual([{ path: 'octets[3]', code: 'out-of-range', message: 'octet 256 is above 255' }]);
    expect(error.fault).toBe('client');
  });

  it('bounds the value quoted in errors', () => {
    expect(() => parseObservable('ip', 'x'.repeat(10_000))).toThrow(/…"/);
    try {
      parseObservable('ip', 'x'.repeat(10_000));
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });

  it('tryParseObservable returns the problem instead of throwing', () => {
    expect(tryParseObservable('domain', 'example.com')).toEqual({
      ok: true,
      entity: { kind: 'domain', value: 'example.com' },
    });
    expect(tryParseObservable('domain', 'localhost')).toMatchObject({
      ok: false,
      kind: 'domain',
      value: 'localhost',
      issue: { code: 'invalid-format' },
    });
  });

  it('canonical values are fixed points, for every kind and any input', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...entityKinds),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.webUrl(),
          fc.emailAddress(),
          fc.domain(),
          fc.ipV4(),
          fc.ipV6(),
          fc.stringMatching(/^[0-9a-fA-F]{32}$/),
          fc.string({ unit: fc.constantFrom(...'hxp:/.@[]()a1\\'), maxLength: 30 }),
        ),
        (kind, raw) => {
          const first = tryParseObservable(kind, raw);
          if (!first.ok) {
            expect(first.issue.message.length).toBeGreaterThan(0);
            return;
          }
          expect(parseObservable(kind, first.entity.value)).toEqual(first.entity);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
