import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { canonicalDomain, publicSuffix, registrableDomain } from './domain.js';
import { defang } from './refang.js';
import { assertFixedPoint, issueOf } from './__fixtures__/assertions.js';

const labelCharacters = 'abcdefghijklmnopqrstuvwxyz0123456789-_';
const label = fc
  .string({ unit: fc.constantFrom(...labelCharacters), minLength: 1, maxLength: 20 })
  .filter((text) => !text.startsWith('-') && !text.endsWith('-'));
const tld = fc.constantFrom('com', 'org', 'co.uk', 'de', 'io', 'internal');
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 4 }), tld)
  .map(([labels, suffix]) => `${labels.join('.')}.${suffix}`);
const casing = (text: string, flips: boolean[]) =>
  [...text].map((character, index) => (flips[index % flips.length] ? character.toUpperCase() : character)).join('');

describe('canonicalDomain', () => {
  it('lower-cases and removes the trailing dot', () => {
    expect(canonicalDomain('WWW.Example.COM.')).toBe('www.example.com');
    expect(canonicalDomain(' mail.example.org ')).toBe('mail.example.org');
  });

  it('converts internationalised names to punycode', () => {
    expect(canonicalDomain('Bücher.de')).toBe('xn--bcher-kva.de');
    expect(canonicalDomain('www.bücher.de')).toBe(canonicalDomain('WWW.BÜCHER.DE'));
    expect(canonicalDomain('例え.jp')).toBe('xn--r8jz45g.jp');
    // UTS #46 maps the ideographic full stop to "."
    expect(canonicalDomain('example。com')).toBe('example.com');
    expect(canonicalDomain('xn--bcher-kva.de')).toBe('xn--bcher-kva.de');
  });

  it('refangs', () => {
    expect(canonicalDomain('evil[.]example(.)com')).toBe('evil.example.com');
  });

  it('allows underscores, which occur in real DNS names', () => {
    expect(canonicalDomain('_dmarc.example.com')).toBe('_dmarc.example.com');
  });

  it('enforces label and length rules, naming the label', () => {
    expect(issueOf(() => canonicalDomain('-bad.example.com'))).toMatchObject({ path: 'labels[0]' });
    expect(issueOf(() => canonicalDomain('a.bad-.com'))).toMatchObject({ path: 'labels[1]' });
    expect(issueOf(() => canonicalDomain('a..com'))).toMatchObject({ path: 'labels[1]', code: 'invalid-format' });
    expect(issueOf(() => canonicalDomain(`${'a'.repeat(64)}.com`))).toMatchObject({
      path: 'labels[0]',
      code: 'too-long',
    });
    expect(canonicalDomain(`${'a'.repeat(63)}.com`)).toHaveLength(67);
    const long = Array.from({ length: 51 }, () => 'abcd').join('.');
    expect(issueOf(() => canonicalDomain(`${long}.com`))).toMatchObject({ code: 'too-long' });
    expect(issueOf(() => canonicalDomain('exa mple.com'))).toMatchObject({
      path: 'labels[0]',
      code: 'invalid-character',
    });
  });

  it('refuses what is not a domain, saying what it is instead', () => {
    expect(issueOf(() => canonicalDomain('localhost')).message).toMatch(/host parser/);
    expect(issueOf(() => canonicalDomain('192.0.2.1')).message).toMatch(/IP address/);
    expect(issueOf(() => canonicalDomain('https://example.com')).message).toMatch(/url parser/);
    expect(issueOf(() => canonicalDomain('bob@example.com')).message).toMatch(/email parser/);
    expect(issueOf(() => canonicalDomain('xn--zz.com')).message).toMatch(/punycode/);
    expect(() => canonicalDomain('')).toThrow(ValidationError);
    expect(() => canonicalDomain('.')).toThrow(ValidationError);
  });

  it('is idempotent and case-insensitive', () => {
    fc.assert(
      fc.property(domain, fc.array(fc.boolean(), { minLength: 1 }), (name, flips) => {
        const canonical = canonicalDomain(casing(name, flips));
        expect(canonical).toBe(name);
        expect(canonicalDomain(canonical)).toBe(canonical);
        expect(canonicalDomain(`${canonical}.`)).toBe(canonical);
      }),
    );
  });

  it('reads defanged names as the live name', () => {
    fc.assert(
      fc.property(domain, (name) => {
        expect(canonicalDomain(defang(name))).toBe(name);
      }),
    );
  });

  it('is idempotent on arbitrary input it accepts', () => {
    assertFixedPoint(canonicalDomain, fc.string({ maxLength: 40 }));
  });
});

describe('registrableDomain and publicSuffix', () => {
  it('finds the registrable domain with the Public Suffix List', () => {
    expect(registrableDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('WWW.Example.COM.')).toBe('example.com');
    expect(registrableDomain('www.bücher.de')).toBe('xn--bcher-kva.de');
    expect(publicSuffix('a.b.example.co.uk')).toBe('co.uk');
  });

  it('treats private suffixes as suffixes by default', () => {
    expect(registrableDomain('login.alice.github.io')).toBe('alice.github.io');
    expect(registrableDomain('login.alice.github.io', { privateSuffixes: false })).toBe('github.io');
  });

  it('returns null for a public suffix itself', () => {
    expect(registrableDomain('co.uk')).toBeNull();
  });

  it('treats an unlisted last label as a suffix (the default rule)', () => {
    expect(registrableDomain('host.corp.internal')).toBe('corp.internal');
  });

  it('throws a ValidationError for input that is not a domain', () => {
    expect(() => registrableDomain('192.0.2.1')).toThrow(ValidationError);
  });
});
