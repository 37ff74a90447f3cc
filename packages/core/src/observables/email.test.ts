import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEmail, canonicalMailbox } from './email.js';
import { defang } from './refang.js';
import { issueOf } from './__fixtures__/assertions.js';

describe('canonicalEmail', () => {
  it('lower-cases the whole address and punycodes the domain', () => {
    expect(canonicalEmail('Alice.Smith@Example.COM')).toBe('alice.smith@example.com');
    expect(canonicalEmail('bob@Bücher.DE')).toBe('bob@xn--bcher-kva.de');
    expect(canonicalEmail('bob@example.com.')).toBe('bob@example.com');
  });

  it('unwraps display names, angle brackets and mailto:', () => {
    expect(canonicalEmail('"Bob Builder" <Bob@Example.com>')).toBe('bob@example.com');
    expect(canonicalEmail('<bob@example.com>')).toBe('bob@example.com');
    expect(canonicalEmail('MAILTO:bob@example.com')).toBe('bob@example.com');
  });

  it('refangs', () => {
    expect(canonicalEmail('bob[@]evil[.]com')).toBe('bob@evil.com');
  });

  it('keeps sub-addressing and RFC 5322 atext', () => {
    expect(canonicalEmail("o'brien+tag@example.com")).toBe("o'brien+tag@example.com");
  });

  it('accepts a single-label domain (root@localhost)', () => {
    expect(canonicalEmail('root@localhost')).toBe('root@localhost');
  });

  it('rejects malformed addresses, naming the part', () => {
    expect(issueOf(() => canonicalEmail('no-at-sign'))).toMatchObject({ path: '', code: 'invalid-format' });
    expect(issueOf(() => canonicalEmail('@example.com'))).toMatchObject({ path: 'local', code: 'empty' });
    expect(issueOf(() => canonicalEmail('a b@example.com'))).toMatchObject({
      path: 'local',
      code: 'invalid-character',
    });
    expect(issueOf(() => canonicalEmail('.bob@example.com'))).toMatchObject({ path: 'local' });
    expect(issueOf(() => canonicalEmail('bo..b@example.com'))).toMatchObject({ path: 'local' });
    expect(issueOf(() => canonicalEmail(`${'a'.repeat(65)}@example.com`))).toMatchObject({
      path: 'local',
      code: 'too-long',
    });
    expect(issueOf(() => canonicalEmail('"a b"@example.com'))).toMatchObject({ path: 'local', code: 'unsupported' });
    expect(issueOf(() => canonicalEmail('bob@[192.0.2.1]'))).toMatchObject({ path: 'domain', code: 'unsupported' });
    expect(issueOf(() => canonicalEmail('bob@-x.com'))).toMatchObject({ path: 'domain.labels[0]' });
    expect(issueOf(() => canonicalEmail('bob@'))).toMatchObject({ path: 'domain', code: 'empty' });
  });

  it('names mailboxes by the same canonical address, under the mailbox kind', () => {
    expect(canonicalMailbox('Shared.Finance@Contoso.com')).toBe('shared.finance@contoso.com');
    expect(() => canonicalMailbox('nope')).toThrow(/mailbox observable/);
  });

  const local = fc.string({ unit: fc.constantFrom(...'abcXYZ019_+-'), minLength: 1, maxLength: 12 });
  const domain = fc.constantFrom('example.com', 'Example.CO.UK', 'bücher.de', 'mail.example.org');
  const address = fc.tuple(local, domain).map(([name, host]) => `${name}@${host}`);

  it('is idempotent and reads defanged addresses as live ones', () => {
    fc.assert(
      fc.property(address, (raw) => {
        const canonical = canonicalEmail(raw);
        expect(canonicalEmail(canonical)).toBe(canonical);
        expect(canonicalEmail(defang(raw))).toBe(canonical);
        expect(canonicalEmail(raw.toUpperCase())).toBe(canonicalEmail(raw.toLowerCase()));
      }),
    );
  });
});
