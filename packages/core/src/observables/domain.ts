import { createRequire } from 'node:module';
import { domainToASCII } from 'node:url';
import type * as Tldts from 'tldts';
import { type Canonical, issue, orThrow } from './observable-issue.js';
import { refang } from './refang.js';

/**
 * Domain names in one form: lower case, no trailing dot, internationalised names as punycode (`xn--`,
 * via `node:url` `domainToASCII`, which applies UTS #46 mapping). Labels are 1-63 characters of letters,
 * digits, `-` and `_` (underscores occur in real DNS names such as `_dmarc.example.com`), never starting or
 * ending with `-`; the whole name is at most 253 characters. An all-numeric last label is refused: that is
 * an IP address (or a numeric IPv4 form like `0x7f.1`) and belongs to the ip parser.
 */

const maxDomainLength = 253;
const maxLabelLength = 63;

function isLabelCharacter(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x5f // a-z 0-9 - _
  );
}

function describeCharacter(text: string, index: number): string {
  const character = text[index]!;
  if (character === '/' || character === ':') return `"${character}" (a URL belongs to the url parser)`;
  if (character === '@') return '"@" (an email address belongs to the email parser)';
  if (character.trim() === '') return 'whitespace';
  return `"${character}"`;
}

/**
 * Validates lower-case ASCII `name` label by label. `minimumLabels` is 2 for domains, 1 for host names.
 * Returns `name` itself when valid (so the caller allocates nothing).
 */
function validateAsciiName(name: string, minimumLabels: number, checkPunycode: boolean): Canonical {
  if (name.length > maxDomainLength) return issue('', 'too-long', `longer than ${maxDomainLength} characters`);
  let labelStart = 0;
  let labelIndex = 0;
  let allDigits = true;
  let sawPunycode = false;
  for (let index = 0; index <= name.length; index++) {
    const code = index < name.length ? name.charCodeAt(index) : 0x2e;
    if (code === 0x2e) {
      const length = index - labelStart;
      if (length === 0) return issue(`labels[${labelIndex}]`, 'invalid-format', 'empty label');
      if (length > maxLabelLength) {
        return issue(`labels[${labelIndex}]`, 'too-long', `label longer than ${maxLabelLength} characters`);
      }
      if (name.charCodeAt(labelStart) === 0x2d || name.charCodeAt(index - 1) === 0x2d) {
        return issue(`labels[${labelIndex}]`, 'invalid-format', 'label starts or ends with "-"');
      }
      if (
        length > 4 &&
        name.charCodeAt(labelStart + 2) === 0x2d &&
        name.charCodeAt(labelStart + 3) === 0x2d &&
        name.startsWith('xn', labelStart)
      ) {
        sawPunycode = true;
      }
      if (index === name.length && allDigits) {
        return issue(
          `labels[${labelIndex}]`,
          'invalid-format',
          'the last label is numeric (an IP address is not a domain)',
        );
      }
      labelStart = index + 1;
      labelIndex++;
      allDigits = true;
      continue;
    }
    if (!isLabelCharacter(code)) {
      return issue(`labels[${labelIndex}]`, 'invalid-character', `invalid character ${describeCharacter(name, index)}`);
    }
    if (code < 0x30 || code > 0x39) allDigits = false;
  }
  if (labelIndex < minimumLabels) {
    return issue(
      '',
      'invalid-format',
      `a domain needs at least ${minimumLabels} labels (use the host parser for short names)`,
    );
  }
  if (checkPunycode && sawPunycode && domainToASCII(name) === '') {
    return issue('', 'invalid-format', 'an "xn--" label is not valid punycode');
  }
  return name;
}

/** Canonical DNS name (no refang, no trimming). `minimumLabels` is 2 for domains, 1 for host names. */
export function canonicalNameText(text: string, minimumLabels: number): Canonical {
  let name = text;
  if (name.length > 0 && name.charCodeAt(name.length - 1) === 0x2e) name = name.slice(0, -1);
  if (name.length === 0) return issue('', 'empty', 'empty domain name');
  let ascii = true;
  let upper = false;
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code > 0x7f) {
      ascii = false;
      break;
    }
    if (code >= 0x41 && code <= 0x5a) upper = true;
  }
  if (ascii) return validateAsciiName(upper ? name.toLowerCase() : name, minimumLabels, true);
  if (name.length > maxDomainLength * 4) return issue('', 'too-long', `longer than ${maxDomainLength} characters`);
  const converted = domainToASCII(name.toLowerCase());
  if (converted === '') return issue('', 'invalid-format', 'not a valid internationalised domain name');
  // UTS #46 may map a trailing ideographic full stop to "."; strip it as for ASCII names.
  const withoutDot = converted.endsWith('.') ? converted.slice(0, -1) : converted;
  return validateAsciiName(withoutDot, minimumLabels, false);
}

export function canonicalDomainOrIssue(raw: string): Canonical {
  return canonicalNameText(refang(raw.trim()), 2);
}

/**
 * The canonical form of a domain name: lower case, punycode, no trailing dot. Defanged input is accepted.
 * Throws a `ValidationError` naming the bad label.
 * @example canonicalDomain('WWW.Bücher.de.') // 'www.xn--bcher-kva.de'
 */
export function canonicalDomain(raw: string): string {
  return orThrow('domain', raw, canonicalDomainOrIssue(raw));
}

export interface PublicSuffixOptions {
  /**
   * Treat the private section of the Public Suffix List (`github.io`, `blogspot.com`, `s3.amazonaws.com` ...)
   * as suffixes. Default `true`: `alice.github.io` and `mallory.github.io` have different owners, and
   * grouping them as one registrable domain would correlate unrelated tenants of a hosting provider.
   */
  privateSuffixes?: boolean;
}

let publicSuffixListModule: typeof Tldts | undefined;

/**
 * tldts (the Public Suffix List) loads on the first suffix lookup, not when core is imported: it is about a sixth
 * of a connector's import time and most hosts never ask. tldts publishes CommonJS only, so `require` returns the
 * same module instance an `import` would.
 */
function publicSuffixList(): typeof Tldts {
  publicSuffixListModule ??= createRequire(import.meta.url)('tldts') as typeof Tldts;
  return publicSuffixListModule;
}

function suffixOptions(options: PublicSuffixOptions | undefined) {
  // The name is already canonical, so tldts need not extract or validate it again.
  return {
    allowPrivateDomains: options?.privateSuffixes ?? true,
    extractHostname: false,
    validateHostname: false,
    detectIp: false,
  } as const;
}

/**
 * The registrable domain ("eTLD+1") of a domain, from the Public Suffix List: the part an owner registers.
 * `null` when the name is itself a public suffix. Throws a `ValidationError` for names that are not domains.
 * @example registrableDomain('a.b.example.co.uk') // 'example.co.uk'
 * @example registrableDomain('login.alice.github.io') // 'alice.github.io'
 */
export function registrableDomain(domain: string, options?: PublicSuffixOptions): string | null {
  return publicSuffixList().getDomain(canonicalDomain(domain), suffixOptions(options));
}

/**
 * The public suffix of a domain (`co.uk` for `a.example.co.uk`). An unlisted last label counts as a suffix,
 * as the Public Suffix List's default rule says, so `corp.internal` has the suffix `internal`.
 */
export function publicSuffix(domain: string, options?: PublicSuffixOptions): string | null {
  return publicSuffixList().getPublicSuffix(canonicalDomain(domain), suffixOptions(options));
}
