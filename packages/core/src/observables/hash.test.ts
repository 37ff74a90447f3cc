import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, hashAlgorithmOf } from './hash.js';
import { issueOf } from './__fixtures__/assertions.js';

const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
const sha1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709';
const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('canonicalHash', () => {
  it('detects the algorithm by length and prefixes it', () => {
    expect(canonicalHash(md5)).toBe(`md5:${md5}`);
    expect(canonicalHash(sha1)).toBe(`sha1:${sha1}`);
    expect(canonicalHash(sha256)).toBe(`sha256:${sha256}`);
    expect(canonicalHash('ab'.repeat(64))).toBe(`sha512:${'ab'.repeat(64)}`);
  });

  it('lower-cases hex', () => {
    expect(canonicalHash(sha256.toUpperCase())).toBe(`sha256:${sha256}`);
  });

  it('accepts an explicit algorithm prefix that agrees with the length', () => {
    expect(canonicalHash(`SHA-256=${sha256}`)).toBe(`sha256:${sha256}`);
    expect(canonicalHash(`sha1: ${sha1}`)).toBe(`sha1:${sha1}`);
    expect(canonicalHash(`md5:${md5}`)).toBe(`md5:${md5}`);
    expect(issueOf(() => canonicalHash(`sha256:${md5}`))).toMatchObject({ path: 'algorithm' });
    expect(issueOf(() => canonicalHash(`ssdeep:${md5}`))).toMatchObject({ path: 'algorithm', code: 'unsupported' });
  });

  it('never lets two algorithms collide', () => {
    // The same hex digits cannot be two algorithms, and the prefix makes the values distinct anyway.
    expect(hashAlgorithmOf(canonicalHash(md5))).toBe('md5');
    expect(hashAlgorithmOf(canonicalHash(sha256))).toBe('sha256');
  });

  it('rejects bad digits, bad lengths and all-zero placeholders', () => {
    expect(issueOf(() => canonicalHash(`${md5.slice(0, 31)}g`))).toMatchObject({
      path: 'digits[31]',
      code: 'invalid-character',
    });
    expect(issueOf(() => canonicalHash('abc'))).toMatchObject({ code: 'invalid-format' });
    expect(issueOf(() => canonicalHash('0'.repeat(64))).message).toMatch(/placeholder/);
    expect(issueOf(() => canonicalHash(''))).toMatchObject({ code: 'empty' });
  });

  it('is idempotent', () => {
    const hex = (length: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length });
    fc.assert(
      fc.property(fc.oneof(hex(32), hex(40), hex(64), hex(128)), (raw) => {
        fc.pre(!/^0+$/.test(raw));
        const canonical = canonicalHash(raw);
        expect(canonicalHash(canonical)).toBe(canonical);
        expect(canonical).toBe(`${hashAlgorithmOf(canonical)}:${raw.toLowerCase()}`);
      }),
    );
  });
});
