import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import { canonicalIp, ipVersion } from './ip.js';
import { issueOf } from './__fixtures__/assertions.js';

/** The WHATWG URL serializer compresses IPv6 like RFC 5952; an independent oracle for our formatter. */
function whatwgIpv6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

const group = fc.integer({ min: 0, max: 0xffff });
/** Addresses biased towards zero runs, where compression rules matter. */
const groups = fc.array(fc.oneof(group, fc.constant(0), fc.constant(0)), { minLength: 8, maxLength: 8 });
const octet = fc.integer({ min: 0, max: 255 });

describe('canonicalIp: IPv4', () => {
  it('keeps dotted-decimal addresses as they are', () => {
    expect(canonicalIp('192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('0.0.0.0')).toBe('0.0.0.0');
    expect(canonicalIp('255.255.255.255')).toBe('255.255.255.255');
    expect(canonicalIp('  10.1.2.3\n')).toBe('10.1.2.3');
  });

  it('refangs defanged addresses', () => {
    expect(canonicalIp('10.1.2[.]3')).toBe('10.1.2.3');
    expect(canonicalIp('10(.)1(.)2(.)3')).toBe('10.1.2.3');
  });

  it('rejects leading zeros as ambiguous (octal or decimal), naming the octet', () => {
    expect(issueOf(() => canonicalIp('010.1.1.1'))).toMatchObject({ path: 'octets[0]', code: 'ambiguous' });
    expect(issueOf(() => canonicalIp('10.1.1.01'))).toMatchObject({ path: 'octets[3]', code: 'ambiguous' });
  });

  it('rejects octets above 255, naming the octet', () => {
    expect(issueOf(() => canonicalIp('1.2.3.256'))).toMatchObject({ path: 'octets[3]', code: 'out-of-range' });
    expect(issueOf(() => canonicalIp('1.999.3.4'))).toMatchObject({ path: 'octets[1]', code: 'out-of-range' });
    expect(issueOf(() => canonicalIp('1.2.3.1000'))).toMatchObject({ path: 'octets[3]', code: 'out-of-range' });
  });

  it('rejects short, long, numeric and hex forms', () => {
    for (const raw of ['1.2.3', '1.2.3.4.5', '16909060', '0x7f.0.0.1', '1..2.3', '1.2.3.4:80', '1.2.3.4/24', '']) {
      expect(() => canonicalIp(raw), raw).toThrow(ValidationError);
    }
  });

  it('error messages name the subject and the value', () => {
    expect(() => canonicalIp('1.2.3.256')).toThrow(/ip observable "1\.2\.3\.256".*octets\[3\]/);
  });

  it('accepts every address in the space and is a fixed point', () => {
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        const text = `${a}.${b}.${c}.${d}`;
        expect(canonicalIp(text)).toBe(text);
      }),
    );
  });
});

describe('canonicalIp: IPv6', () => {
  it('produces RFC 5952 text', () => {
    expect(canonicalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:0db8:0000:0000:0000:ff00:0042:8329')).toBe('2001:db8::ff00:42:8329');
    // A single zero group is not compressed (RFC 5952 section 4.2.2).
    expect(canonicalIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    // The longest run wins; on a tie, the first (section 4.2.3).
    expect(canonicalIp('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1');
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalIp('0:0:0:0:0:0:0:0')).toBe('::');
    expect(canonicalIp('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(canonicalIp('1:2:3:4:5:6:7::')).toBe('1:2:3:4:5:6:7:0');
    expect(canonicalIp('[2001:db8::1]')).toBe('2001:db8::1');
  });

  it('maps IPv4-mapped addresses to IPv4', () => {
    expect(canonicalIp('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(canonicalIp('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1');
  });

  it('keeps other embedded-IPv4 addresses as IPv6 hex', () => {
    expect(canonicalIp('::192.0.2.1')).toBe('::c000:201');
    expect(canonicalIp('64:ff9b::192.0.2.1')).toBe('64:ff9b::c000:201');
  });

  it('strips zone ids', () => {
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalIp('fe80::0001%25en0')).toBe('fe80::1');
    expect(issueOf(() => canonicalIp('fe80::1%'))).toMatchObject({ path: 'zone' });
  });

  it('rejects malformed addresses, naming the group', () => {
    expect(issueOf(() => canonicalIp('2001:db8::12345'))).toMatchObject({ path: 'groups[2]', code: 'out-of-range' });
    expect(issueOf(() => canonicalIp('2001:db8::g'))).toMatchObject({ path: 'groups[2]' });
    expect(issueOf(() => canonicalIp('::ffff:1.2.3.300'))).toMatchObject({ path: 'groups[1].octets[3]' });
    for (const raw of [
      ':',
      ':::',
      '1:::2',
      '1::2::3',
      ':1::2',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8::',
      '1::2:',
    ]) {
      expect(() => canonicalIp(raw), raw).toThrow(ValidationError);
    }
  });

  it('reports the version', () => {
    expect(ipVersion(canonicalIp('::1'))).toBe(6);
    expect(ipVersion(canonicalIp('::ffff:1.2.3.4'))).toBe(4);
  });
});

describe('canonicalIp properties', () => {
  /** Every textual variant of one address: full, padded, upper case, any zero run compressed, dotted tail. */
  function variants(address: number[]): fc.Arbitrary<string> {
    return fc
      .record({
        pad: fc.boolean(),
        upper: fc.boolean(),
        compress: fc.nat(),
        dottedTail: fc.boolean(),
      })
      .map(({ pad, upper, compress, dottedTail }) => {
        const hex = address.map((value) => {
          const text = pad ? value.toString(16).padStart(4, '0') : value.toString(16);
          return upper ? text.toUpperCase() : text;
        });
        let tail: string[] = [];
        let head = hex;
        if (dottedTail) {
          const high = address[6]!;
          const low = address[7]!;
          tail = [`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`];
          head = hex.slice(0, 6);
        }
        const zeroRuns: Array<[number, number]> = [];
        for (let index = 0; index < head.length; index++) {
          if (address[index] !== 0) continue;
          for (let end = index + 1; end <= head.length && address[end - 1] === 0; end++) zeroRuns.push([index, end]);
        }
        if (zeroRuns.length > 0 && compress % 3 !== 0) {
          const [start, end] = zeroRuns[compress % zeroRuns.length]!;
          const left = head.slice(0, start).join(':');
          const right = [...head.slice(end), ...tail].join(':');
          return `${left}::${right}`;
        }
        return [...head, ...tail].join(':');
      });
  }

  it('all textual variants of an address canonicalise equal', () => {
    fc.assert(
      fc.property(
        groups.chain((address) => fc.tuple(fc.constant(address), variants(address), variants(address))),
        ([address, first, second]) => {
          const canonical = canonicalIp(first);
          expect(canonicalIp(second)).toBe(canonical);
          const mapped = address.slice(0, 6).every((value, index) => value === (index === 5 ? 0xffff : 0));
          expect(canonical).toBe(
            mapped
              ? `${address[6]! >> 8}.${address[6]! & 255}.${address[7]! >> 8}.${address[7]! & 255}`
              : whatwgIpv6(first),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('IPv4-mapped IPv6 equals the IPv4 address, in every notation', () => {
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        const ipv4 = `${a}.${b}.${c}.${d}`;
        const high = ((a << 8) | b).toString(16);
        const low = ((c << 8) | d).toString(16);
        expect(canonicalIp(`::ffff:${ipv4}`)).toBe(ipv4);
        expect(canonicalIp(`::FFFF:${high}:${low}`)).toBe(ipv4);
        expect(canonicalIp(`0000:0:0:0:0:ffff:${ipv4}`)).toBe(ipv4);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(groups, (address) => {
        const canonical = canonicalIp(address.map((value) => value.toString(16)).join(':'));
        expect(canonicalIp(canonical)).toBe(canonical);
      }),
    );
  });
});
