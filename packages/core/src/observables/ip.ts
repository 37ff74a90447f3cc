import { type Canonical, type ObservableIssue, issue, orThrow } from './observable-issue.js';
import { refang } from './refang.js';

/**
 * IP addresses in one textual form each, so the same address seen by two products is one entity:
 * - IPv4 is dotted decimal with no leading zeros. `010.1.1.1` is rejected, not guessed: some stacks read a
 *   leading zero as octal (8.1.1.1), others as decimal (10.1.1.1).
 * - IPv6 is RFC 5952 text: lower-case hex, no leading zeros, the longest run of two or more zero groups
 *   (the first on a tie) as `::`.
 * - IPv4-mapped IPv6 (`::ffff:1.2.3.4`, `::ffff:102:304`) is the IPv4 address `1.2.3.4`: dual-stack sockets
 *   report IPv4 peers in that form.
 * - A zone id (`fe80::1%eth0`) is stripped: it names an interface on the observing machine, not part of the
 *   address (see docs/decisions/2026-11-27-observable-canonical-forms.md).
 */

const maxIpLength = 128;

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/**
 * Parses dotted-decimal IPv4 in `text[start, end)` to a 32-bit number, or an issue. `pathPrefix` locates
 * octets inside a larger value (the embedded IPv4 of an IPv6 address).
 */
export function ipv4Value(text: string, start = 0, end = text.length, pathPrefix = ''): number | ObservableIssue {
  let value = 0;
  let octetIndex = 0;
  let position = start;
  while (true) {
    const octetStart = position;
    let octet = 0;
    while (position < end && isDigit(text.charCodeAt(position))) {
      octet = octet * 10 + (text.charCodeAt(position) - 0x30);
      position++;
      if (position - octetStart > 3) {
        return issue(`${pathPrefix}octets[${octetIndex}]`, 'out-of-range', 'octet has more than 3 digits');
      }
    }
    const length = position - octetStart;
    if (length === 0) {
      const found = position < end ? `"${text[position]}"` : 'end of text';
      return issue(`${pathPrefix}octets[${octetIndex}]`, 'invalid-format', `expected a decimal octet, found ${found}`);
    }
    if (length > 1 && text.charCodeAt(octetStart) === 0x30) {
      return issue(
        `${pathPrefix}octets[${octetIndex}]`,
        'ambiguous',
        `octet "${text.slice(octetStart, position)}" has a leading zero (octal or decimal is ambiguous)`,
      );
    }
    if (octet > 255) return issue(`${pathPrefix}octets[${octetIndex}]`, 'out-of-range', `octet ${octet} is above 255`);
    value = value * 256 + octet;
    if (octetIndex === 3) break;
    if (position >= end || text.charCodeAt(position) !== 0x2e) {
      return issue(`${pathPrefix}octets[${octetIndex + 1}]`, 'invalid-format', 'IPv4 needs four dot-separated octets');
    }
    position++;
    octetIndex++;
  }
  if (position !== end) return issue('', 'invalid-format', `unexpected "${text[position]}" after the fourth octet`);
  return value;
}

function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Parses IPv6 text in `text[start, end)` into 8 groups, or an issue. */
function ipv6Groups(text: string, start: number, end: number): Uint16Array | ObservableIssue {
  const groups = new Uint16Array(8);
  let count = 0;
  let compressAt = -1;
  let position = start;
  if (position < end && text.charCodeAt(position) === 0x3a) {
    if (position + 1 >= end || text.charCodeAt(position + 1) !== 0x3a) {
      return issue('groups[0]', 'invalid-format', 'an address may not start with a single ":"');
    }
    compressAt = 0;
    position += 2;
  }
  while (position < end) {
    if (count === 8) return issue('', 'invalid-format', 'more than 8 groups');
    const groupStart = position;
    let group = 0;
    while (position < end) {
      const digit = hexValue(text.charCodeAt(position));
      if (digit < 0) break;
      group = group * 16 + digit;
      position++;
    }
    const length = position - groupStart;
    if (position < end && text.charCodeAt(position) === 0x2e) {
      // Embedded IPv4 in the last 32 bits.
      if (count > 6) return issue('', 'invalid-format', 'embedded IPv4 must be the last 32 bits');
      const ipv4 = ipv4Value(text, groupStart, end, `groups[${count}].`);
      if (typeof ipv4 !== 'number') return ipv4;
      groups[count++] = ipv4 >>> 16;
      groups[count++] = ipv4 & 0xffff;
      position = end;
      break;
    }
    if (length === 0) {
      const found = position < end ? `"${text[position]}"` : 'end of text';
      return issue(`groups[${count}]`, 'invalid-format', `expected a hex group, found ${found}`);
    }
    if (length > 4) return issue(`groups[${count}]`, 'out-of-range', 'a group has at most 4 hex digits');
    groups[count++] = group;
    if (position === end) break;
    if (text.charCodeAt(position) !== 0x3a) {
      return issue(`groups[${count - 1}]`, 'invalid-character', `unexpected "${text[position]}"`);
    }
    position++;
    if (position < end && text.charCodeAt(position) === 0x3a) {
      if (compressAt !== -1) return issue('', 'invalid-format', '"::" may appear only once');
      compressAt = count;
      position++;
    } else if (position === end) {
      return issue(`groups[${count}]`, 'invalid-format', 'an address may not end with a single ":"');
    }
  }
  if (compressAt === -1) {
    if (count !== 8) return issue('', 'invalid-format', `expected 8 groups, found ${count}`);
    return groups;
  }
  if (count > 7) return issue('', 'invalid-format', '"::" must stand for at least one zero group');
  // Move the groups after "::" to the end; the gap stays zero.
  const shift = 8 - count;
  for (let index = count - 1; index >= compressAt; index--) {
    groups[index + shift] = groups[index]!;
    groups[index] = 0;
  }
  return groups;
}

function formatIpv6(groups: Uint16Array): string {
  // RFC 5952 section 4.2: compress the longest run (>= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let index = 0; index < 8; ) {
    if (groups[index] !== 0) {
      index++;
      continue;
    }
    let runEnd = index;
    while (runEnd < 8 && groups[runEnd] === 0) runEnd++;
    if (runEnd - index > bestLength) {
      bestStart = index;
      bestLength = runEnd - index;
    }
    index = runEnd;
  }
  let out = '';
  for (let index = 0; index < 8; index++) {
    if (index === bestStart) {
      out += '::';
      index += bestLength - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += groups[index]!.toString(16);
  }
  return out;
}

function isIpv4Mapped(groups: Uint16Array): boolean {
  return (
    groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff
  );
}

/** Canonical IPv6 text for `text[start, end)`, or the IPv4 text of an IPv4-mapped address. */
export function canonicalIpv6Text(text: string, start = 0, end = text.length): Canonical {
  const groups = ipv6Groups(text, start, end);
  if (!(groups instanceof Uint16Array)) return groups;
  if (isIpv4Mapped(groups)) return formatIpv4(groups[6]! * 65536 + groups[7]!);
  return formatIpv6(groups);
}

/** Canonical IP text (no refang, no trimming): the shared core of the ip, url and host parsers. */
export function canonicalIpText(text: string): Canonical {
  if (text.length === 0) return issue('', 'empty', 'empty IP address');
  if (text.length > maxIpLength) return issue('', 'too-long', `longer than ${maxIpLength} characters`);
  let start = 0;
  let end = text.length;
  if (text.charCodeAt(0) === 0x5b) {
    if (text.charCodeAt(end - 1) !== 0x5d) return issue('', 'invalid-format', 'unbalanced "[" around an IPv6 address');
    start = 1;
    end -= 1;
  }
  const colon = text.indexOf(':', start);
  if (colon === -1 || colon >= end) {
    if (start !== 0) return issue('', 'invalid-format', 'brackets are only for IPv6 addresses');
    const value = ipv4Value(text, start, end);
    return typeof value === 'number' ? text : value;
  }
  const zone = text.indexOf('%', start);
  if (zone !== -1 && zone < end) {
    if (zone === end - 1) return issue('zone', 'invalid-format', 'empty zone id after "%"');
    end = zone;
  }
  return canonicalIpv6Text(text, start, end);
}

/** Quick shape test used to route hostname observables that carry an IP literal. */
export function looksLikeIp(text: string): boolean {
  if (text.length === 0 || text.length > maxIpLength) return false;
  const first = text.charCodeAt(0);
  if (first === 0x5b || text.indexOf(':') !== -1) return true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code) && code !== 0x2e) return false;
  }
  return true;
}

/** Canonical IP observable: trims and refangs, then see the module comment for the rules. */
export function canonicalIpOrIssue(raw: string): Canonical {
  return canonicalIpText(refang(raw.trim()));
}

/**
 * The canonical text of an IPv4 or IPv6 address. Throws a `ValidationError` naming the bad octet or group.
 * @example canonicalIp('2001:DB8:0:0:0:0:0:1') // '2001:db8::1'
 * @example canonicalIp('::ffff:192.0.2.1') // '192.0.2.1'
 */
export function canonicalIp(raw: string): string {
  return orThrow('ip', raw, canonicalIpOrIssue(raw));
}

/** The IP version of canonical IP text (`canonicalIp` output): 4 or 6. */
export function ipVersion(canonical: string): 4 | 6 {
  return canonical.indexOf(':') === -1 ? 4 : 6;
}
