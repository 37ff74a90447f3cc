import { type Canonical, issue, orThrow } from './observable-issue.js';

/**
 * File hashes as `<algorithm>:<lower-case hex>`, so an MD5 and a SHA-256 can never collide as entity values
 * and a reader sees the algorithm. The algorithm is detected by length (32 MD5, 40 SHA-1, 64 SHA-256,
 * 128 SHA-512); an explicit prefix (`sha256:`, `SHA-256=`, `md5:`) is accepted and must agree with the
 * length. An all-zero value is refused: products emit it as a placeholder, and it would correlate every
 * alert that carries it.
 */

export const hashAlgorithms = ['md5', 'sha1', 'sha256', 'sha512'] as const;
export type HashAlgorithm = (typeof hashAlgorithms)[number];

const algorithmByLength: Readonly<Record<number, HashAlgorithm>> = {
  32: 'md5',
  40: 'sha1',
  64: 'sha256',
  128: 'sha512',
};
const algorithmByPrefix: Readonly<Record<string, HashAlgorithm>> = {
  md5: 'md5',
  sha1: 'sha1',
  'sha-1': 'sha1',
  sha256: 'sha256',
  'sha-256': 'sha256',
  sha512: 'sha512',
  'sha-512': 'sha512',
};

/** Canonical hash text (no trimming). */
export function canonicalHashText(text: string): Canonical {
  if (text.length === 0) return issue('', 'empty', 'empty hash');
  let hex = text;
  let declared: HashAlgorithm | undefined;
  let separator = text.indexOf(':');
  if (separator === -1) separator = text.indexOf('=');
  if (separator !== -1) {
    const prefix = text.slice(0, separator).trim().toLowerCase();
    declared = algorithmByPrefix[prefix];
    if (declared === undefined) {
      return issue('algorithm', 'unsupported', `unknown hash algorithm "${prefix}" (md5, sha1, sha256, sha512)`);
    }
    hex = text.slice(separator + 1).trim();
  }
  const algorithm = algorithmByLength[hex.length];
  if (algorithm === undefined) {
    return issue('', 'invalid-format', `${hex.length} hex digits match no supported algorithm (32, 40, 64 or 128)`);
  }
  if (declared !== undefined && declared !== algorithm) {
    return issue('algorithm', 'invalid-format', `"${declared}" hashes are not ${hex.length} hex digits long`);
  }
  let zero = true;
  let upper = false;
  for (let index = 0; index < hex.length; index++) {
    const code = hex.charCodeAt(index);
    if (code >= 0x41 && code <= 0x46) upper = true;
    else if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) {
      return issue(`digits[${index}]`, 'invalid-character', `"${hex[index]}" is not a hex digit`);
    }
    if (code !== 0x30) zero = false;
  }
  if (zero) return issue('', 'invalid-format', 'an all-zero hash is a placeholder, not a file');
  return `${algorithm}:${upper ? hex.toLowerCase() : hex}`;
}

export function canonicalHashOrIssue(raw: string): Canonical {
  return canonicalHashText(raw.trim());
}

/**
 * The canonical form of a file hash: `md5:…`, `sha1:…`, `sha256:…` or `sha512:…` in lower-case hex.
 * @example canonicalHash('E3B0C442...B855') // 'sha256:e3b0c442...b855'
 */
export function canonicalHash(raw: string): string {
  return orThrow('hash', raw, canonicalHashOrIssue(raw));
}

/** The algorithm of a canonical hash value (`canonicalHash` output). */
export function hashAlgorithmOf(canonical: string): HashAlgorithm {
  return canonical.slice(0, canonical.indexOf(':')) as HashAlgorithm;
}
