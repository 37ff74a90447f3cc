import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { defang } from './refang.js';
import { assertFixedPoint, issueOf } from './__fixtures__/assertions.js';
import { canonicalUrl, hostOfCanonicalUrl } from './url.js';

describe('canonicalUrl', () => {
  it('lower-cases scheme and host, keeps path and query verbatim, drops the fragment', () => {
    expect(canonicalUrl('HTTPS://Login.Example.COM/Path/To?Q=Value&x=%2F#frag')).toBe(
      'https://login.example.com/Path/To?Q=Value&x=%2F',
    );
  });

  it('drops whitespace left trailing by the dropped fragment, so the result is a fixed point (fuzz regression)', () => {
    expect(canonicalUrl('hxxps://evil[.]com/a?b= ##frag')).toBe('https://evil.com/a?b=');
    expect(canonicalUrl(canonicalUrl('http://example.com/x\u00a0#y'))).toBe('http://example.com/x');
  });

  it('does not rewrite paths the way a browser would', () => {
    expect(canonicalUrl('http://example.com/a/../b/./c')).toBe('http://example.com/a/../b/./c');
    expect(canonicalUrl('http://example.com/ä b')).toBe('http://example.com/ä b');
  });

  it('refangs', () => {
    expect(canonicalUrl('hxxps://evil[.]com/login')).toBe('https://evil.com/login');
    expect(canonicalUrl('hXXp://evil(.)com[:]8080/x')).toBe('http://evil.com:8080/x');
    expect(canonicalUrl('hxxp[://]evil[.]com')).toBe('http://evil.com/');
  });

  it('drops default ports and keeps others', () => {
    expect(canonicalUrl('http://example.com:80/')).toBe('http://example.com/');
    expect(canonicalUrl('https://example.com:443/')).toBe('https://example.com/');
    expect(canonicalUrl('https://example.com:0443/')).toBe('https://example.com/');
    expect(canonicalUrl('http://example.com:443/')).toBe('http://example.com:443/');
    expect(canonicalUrl('https://example.com:/')).toBe('https://example.com/');
  });

  it('adds "/" to an empty path', () => {
    expect(canonicalUrl('https://example.com')).toBe('https://example.com/');
    expect(canonicalUrl('https://example.com?q=1')).toBe('https://example.com/?q=1');
  });

  it('converts an internationalised host to punycode', () => {
    expect(canonicalUrl('https://Bücher.de/straße')).toBe('https://xn--bcher-kva.de/straße');
  });

  it('canonicalises IP hosts, mapping IPv4-mapped IPv6 to IPv4', () => {
    expect(canonicalUrl('http://[2001:DB8:0:0::1]:8080/x')).toBe('http://[2001:db8::1]:8080/x');
    expect(canonicalUrl('http://[::ffff:192.0.2.1]/')).toBe('http://192.0.2.1/');
    expect(canonicalUrl('http://192.0.2.1:80')).toBe('http://192.0.2.1/');
  });

  it('keeps user info verbatim (it is part of phishing URLs)', () => {
    expect(canonicalUrl('http://paypal.com@Evil.com/')).toBe('http://paypal.com@evil.com/');
    expect(canonicalUrl('ftp://User:Secret@Files.Example.com:21/')).toBe('ftp://User:Secret@files.example.com/');
  });

  it('reads scheme-less URLs as http', () => {
    expect(canonicalUrl('evil.com/x')).toBe('http://evil.com/x');
    expect(canonicalUrl('//evil.com/x')).toBe('http://evil.com/x');
    expect(canonicalUrl('evil.com:8080')).toBe('http://evil.com:8080/');
  });

  it('accepts file URLs with an empty host', () => {
    expect(canonicalUrl('FILE:///etc/passwd')).toBe('file:///etc/passwd');
  });

  it('rejects bad URLs, naming the part', () => {
    expect(issueOf(() => canonicalUrl('mailto:bob@example.com'))).toMatchObject({
      path: 'scheme',
      code: 'unsupported',
    });
    expect(issueOf(() => canonicalUrl('javascript:alert(1)'))).toMatchObject({ path: 'scheme' });
    expect(issueOf(() => canonicalUrl('http://exa mple.com/'))).toMatchObject({ path: 'host' });
    expect(issueOf(() => canonicalUrl('http://-bad.com/'))).toMatchObject({ path: 'host.labels[0]' });
    expect(issueOf(() => canonicalUrl('http://1.2.3.999/'))).toMatchObject({ path: 'host.octets[3]' });
    expect(issueOf(() => canonicalUrl('http://010.0.0.1/'))).toMatchObject({
      path: 'host.octets[0]',
      code: 'ambiguous',
    });
    expect(issueOf(() => canonicalUrl('http://example.com:99999/'))).toMatchObject({ path: 'port' });
    expect(issueOf(() => canonicalUrl('http://example.com:8o/'))).toMatchObject({ path: 'port' });
    expect(issueOf(() => canonicalUrl('http:///path'))).toMatchObject({ path: 'host', code: 'empty' });
    expect(issueOf(() => canonicalUrl('http://[::1/'))).toMatchObject({ path: 'host' });
    expect(issueOf(() => canonicalUrl('http://a.com/\u0000'))).toMatchObject({ code: 'invalid-character' });
    expect(() => canonicalUrl('')).toThrow(ValidationError);
  });

  it('finds the host of a canonical URL', () => {
    expect(hostOfCanonicalUrl(canonicalUrl('https://user@Example.com:8443/x'))).toBe('example.com');
    expect(hostOfCanonicalUrl(canonicalUrl('http://[2001:db8::1]:8080/'))).toBe('[2001:db8::1]');
    expect(hostOfCanonicalUrl(canonicalUrl('http://192.0.2.1'))).toBe('192.0.2.1');
  });
});

const label = fc
  .string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), minLength: 1, maxLength: 12 })
  .filter((text) => !text.startsWith('-') && !text.endsWith('-'));
const host = fc.oneof(
  fc
    .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'net', 'co.uk'))
    .map(([labels, suffix]) => `${labels.join('.')}.${suffix}`),
  fc.ipV4(),
  fc.ipV6().map((address) => `[${address}]`),
);
const pathSegment = fc.string({
  unit: fc.constantFrom(..."abcXYZ019-_.~%!$&'()*+,;=:@"),
  maxLength: 10,
});
const url = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'HTTP', 'Https', 'ftp'),
    host,
    port: fc.option(fc.integer({ min: 1, max: 65535 })),
    path: fc.array(pathSegment, { maxLength: 4 }),
    query: fc.option(fc.string({ unit: fc.constantFrom(...'abc=&XYZ19%/?'), maxLength: 12 })),
    fragment: fc.option(fc.string({ maxLength: 8 })),
  })
  .map(
    ({ scheme, host, port, path, query, fragment }) =>
      `${scheme}://${host}${port === null ? '' : `:${port}`}${path.length ? `/${path.join('/')}` : ''}${query === null ? '' : `?${query}`}${fragment === null ? '' : `#${fragment}`}`,
  );

describe('canonicalUrl properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(url, (raw) => {
        const canonical = canonicalUrl(raw);
        expect(canonicalUrl(canonical)).toBe(canonical);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the WHATWG parser on scheme, host and port', () => {
    fc.assert(
      fc.property(url, (raw) => {
        const ours = new URL(canonicalUrl(raw));
        const theirs = new URL(raw);
        expect(ours.protocol).toBe(theirs.protocol);
        if (!theirs.hostname.startsWith('[::ffff:')) expect(ours.hostname).toBe(theirs.hostname);
        expect(ours.port).toBe(theirs.port);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a defanged URL as the live one', () => {
    fc.assert(
      fc.property(url, (raw) => {
        expect(canonicalUrl(defang(raw))).toBe(canonicalUrl(raw));
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent on arbitrary input it accepts', () => {
    expect(canonicalUrl(canonicalUrl('http://a.com/[[.]]'))).toBe(canonicalUrl('http://a.com/[[.]]'));
    assertFixedPoint(
      canonicalUrl,
      fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'hxp:/.@[]()a'), maxLength: 30 })),
    );
  });
});
