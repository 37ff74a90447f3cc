import { canonicalNameText } from './domain.js';
import { canonicalIpText } from './ip.js';
import { type Canonical, hasControlCharacter, issue, orThrow } from './observable-issue.js';
import { refang } from './refang.js';

/**
 * URLs in one form, without the WHATWG parser's rewriting of paths: the scheme and host are lower-cased,
 * the host is punycode (or canonical IP text), a default port is dropped, the fragment is removed (it never
 * leaves the browser), an empty path becomes `/`, and user info, path and query are kept verbatim. Defanged
 * input (`hxxps://evil[.]com`) is refanged first. A URL without a scheme (`evil.com/x`, `//evil.com/x`) is
 * read as `http`, as browsers and most threat-intel feeds do. Schemes without an authority (`mailto:`,
 * `data:`, `javascript:`) are refused: they are not locations on a host.
 */

const maxUrlLength = 32_768;

const defaultPorts: Readonly<Record<string, string>> = {
  http: '80',
  https: '443',
  ws: '80',
  wss: '443',
  ftp: '21',
};

function isSchemeCharacter(code: number, first: boolean): boolean {
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true;
  if (first) return false;
  return (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
}

/** Index of the `:` ending a scheme at the start of `text`, or -1. */
function schemeEnd(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x3a) return index > 0 ? index : -1;
    if (!isSchemeCharacter(code, index === 0)) return -1;
  }
  return -1;
}

function canonicalPort(text: string, scheme: string): Canonical {
  if (text.length === 0) return '';
  if (text.length > 5) return issue('port', 'out-of-range', 'port above 65535');
  let port = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return issue('port', 'invalid-character', `port "${text}" is not a number`);
    port = port * 10 + (code - 0x30);
  }
  if (port > 65535) return issue('port', 'out-of-range', 'port above 65535');
  const value = String(port);
  return defaultPorts[scheme] === value ? '' : value;
}

function canonicalHost(text: string, scheme: string): Canonical {
  if (text.length === 0) {
    return scheme === 'file' ? '' : issue('host', 'empty', 'the URL has no host');
  }
  const first = text.charCodeAt(0);
  if (first === 0x5b) {
    const ip = canonicalIpText(text);
    if (typeof ip !== 'string') return { ...ip, path: ip.path ? `host.${ip.path}` : 'host' };
    return ip.indexOf(':') === -1 ? ip : `[${ip}]`;
  }
  let numeric = true;
  for (let index = 0; index < text.length && numeric; index++) {
    const code = text.charCodeAt(index);
    numeric = (code >= 0x30 && code <= 0x39) || code === 0x2e;
  }
  const host = numeric ? canonicalIpText(text) : canonicalNameText(text, 1);
  if (typeof host !== 'string') return { ...host, path: host.path ? `host.${host.path}` : 'host' };
  return host;
}

/** Canonical URL text (no refang, no trimming). */
export function canonicalUrlText(input: string): Canonical {
  if (input.length === 0) return issue('', 'empty', 'empty URL');
  if (input.length > maxUrlLength) return issue('', 'too-long', `longer than ${maxUrlLength} characters`);
  if (hasControlCharacter(input)) return issue('', 'invalid-character', 'contains a control character');

  let scheme = 'http';
  let rest: string;
  const colon = schemeEnd(input);
  if (colon !== -1 && input.startsWith('//', colon + 1)) {
    scheme = input.slice(0, colon).toLowerCase();
    rest = input.slice(colon + 3);
  } else if (input.startsWith('//')) {
    rest = input.slice(2);
  } else if (colon !== -1 && !/^\d/.test(input.slice(colon + 1))) {
    return issue('scheme', 'unsupported', `"${input.slice(0, colon)}:" URLs have no host (expected scheme://host)`);
  } else {
    rest = input;
  }

  let authorityEnd = rest.length;
  for (let index = 0; index < rest.length; index++) {
    const code = rest.charCodeAt(index);
    if (code === 0x2f || code === 0x3f || code === 0x23) {
      authorityEnd = index;
      break;
    }
  }
  const authority = rest.slice(0, authorityEnd);
  let pathAndQuery = rest.slice(authorityEnd);
  const hash = pathAndQuery.indexOf('#');
  // Whitespace before a dropped fragment becomes trailing, which the caller trims on input: trimmed here too,
  // or `…?b= #x` would canonicalise to `…?b= `, whose own canonical form is `…?b=` (found by fuzz seed 777).
  if (hash !== -1) pathAndQuery = pathAndQuery.slice(0, hash).trimEnd();
  if (pathAndQuery.length === 0 || pathAndQuery.charCodeAt(0) === 0x3f) pathAndQuery = `/${pathAndQuery}`;

  const at = authority.lastIndexOf('@');
  const userInfo = at === -1 ? '' : authority.slice(0, at + 1);
  const hostAndPort = authority.slice(at + 1);
  let hostText = hostAndPort;
  let portText = '';
  if (hostAndPort.charCodeAt(0) === 0x5b) {
    const close = hostAndPort.indexOf(']');
    if (close === -1) return issue('host', 'invalid-format', 'unbalanced "[" around an IPv6 host');
    hostText = hostAndPort.slice(0, close + 1);
    const after = hostAndPort.slice(close + 1);
    if (after.length > 0) {
      if (after.charCodeAt(0) !== 0x3a) return issue('host', 'invalid-format', `unexpected "${after[0]}" after "]"`);
      portText = after.slice(1);
    }
  } else {
    const portColon = hostAndPort.lastIndexOf(':');
    if (portColon !== -1) {
      hostText = hostAndPort.slice(0, portColon);
      portText = hostAndPort.slice(portColon + 1);
    }
  }
  if (/\s/.test(authority)) return issue('host', 'invalid-character', 'whitespace in the host or user info');
  const host = canonicalHost(hostText, scheme);
  if (typeof host !== 'string') return host;
  const port = canonicalPort(portText, scheme);
  if (typeof port !== 'string') return port;
  return `${scheme}://${userInfo}${host}${port === '' ? '' : `:${port}`}${pathAndQuery}`;
}

export function canonicalUrlOrIssue(raw: string): Canonical {
  return canonicalUrlText(refang(raw.trim()));
}

/**
 * The canonical form of a URL (see the module comment). Throws a `ValidationError` naming the bad part
 * (`scheme`, `host`, `host.labels[1]`, `port`).
 * @example canonicalUrl('hxxps://Evil[.]COM:443/Login?next=/A#top') // 'https://evil.com/Login?next=/A'
 */
export function canonicalUrl(raw: string): string {
  return orThrow('url', raw, canonicalUrlOrIssue(raw));
}

/** The host of a canonical URL (`canonicalUrl` output): a domain, IPv4 text or a bracketed IPv6 address. */
export function hostOfCanonicalUrl(canonical: string): string {
  const start = canonical.indexOf('://') + 3;
  let end = canonical.indexOf('/', start);
  if (end === -1) end = canonical.length;
  let authority = canonical.slice(start, end);
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon === -1 ? authority : authority.slice(0, colon);
}
