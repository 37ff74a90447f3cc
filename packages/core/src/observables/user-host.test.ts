import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHost } from './host.js';
import { assertFixedPoint, issueOf } from './__fixtures__/assertions.js';
import { canonicalUser } from './user.js';

describe('canonicalUser', () => {
  it('lower-cases and trims bare names', () => {
    expect(canonicalUser('  Alice ')).toBe('alice');
    expect(canonicalUser('SYSTEM')).toBe('system');
  });

  it('canonicalises DOMAIN\\user', () => {
    expect(canonicalUser('CORP\\Alice')).toBe('corp\\alice');
    expect(canonicalUser('NT AUTHORITY\\SYSTEM')).toBe('nt authority\\system');
    expect(canonicalUser('.\\Administrator')).toBe('.\\administrator');
  });

  it('canonicalises UPNs, punycoding the domain', () => {
    expect(canonicalUser('Alice@Corp.Example.com')).toBe('alice@corp.example.com');
    expect(canonicalUser('jörg@Bücher.de')).toBe('jörg@xn--bcher-kva.de');
  });

  it('keeps the notations distinct (no directory data to join them)', () => {
    expect(canonicalUser('CORP\\alice')).not.toBe(canonicalUser('alice@corp.example.com'));
  });

  it('rejects malformed names, naming the part', () => {
    expect(issueOf(() => canonicalUser('\\alice'))).toMatchObject({ path: 'domain', code: 'empty' });
    expect(issueOf(() => canonicalUser('CORP\\'))).toMatchObject({ path: 'name', code: 'empty' });
    expect(issueOf(() => canonicalUser('a\\b\\c'))).toMatchObject({ code: 'invalid-format' });
    expect(issueOf(() => canonicalUser('@corp.com'))).toMatchObject({ path: 'name' });
    expect(issueOf(() => canonicalUser('alice@-bad.com'))).toMatchObject({ path: 'domain.labels[0]' });
    expect(issueOf(() => canonicalUser('ali\u0007ce'))).toMatchObject({ code: 'invalid-character' });
    expect(issueOf(() => canonicalUser('   '))).toMatchObject({ code: 'empty' });
  });

  it('is idempotent on arbitrary input it accepts', () => {
    assertFixedPoint(canonicalUser, fc.string({ maxLength: 30 }));
  });
});

describe('canonicalHost', () => {
  it('lower-cases FQDNs and short names, removing a trailing dot', () => {
    expect(canonicalHost('WS-042.Corp.Example.com.')).toBe('ws-042.corp.example.com');
    expect(canonicalHost('WS-042')).toBe('ws-042');
    expect(canonicalHost('srv[.]corp[.]example[.]com')).toBe('srv.corp.example.com');
  });

  it('refuses IP literals (they are ip entities)', () => {
    expect(issueOf(() => canonicalHost('10.0.0.1'))).toMatchObject({ code: 'unsupported' });
    expect(issueOf(() => canonicalHost('fe80::1'))).toMatchObject({ code: 'unsupported' });
  });

  it('applies domain label rules', () => {
    expect(issueOf(() => canonicalHost('ws 042'))).toMatchObject({ path: 'labels[0]', code: 'invalid-character' });
    expect(issueOf(() => canonicalHost('ws-.corp'))).toMatchObject({ path: 'labels[0]' });
  });

  it('is idempotent on arbitrary input it accepts', () => {
    assertFixedPoint(canonicalHost, fc.string({ maxLength: 30 }));
  });
});
