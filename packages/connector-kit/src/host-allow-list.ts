import { HostNotAllowedError } from './errors.js';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

interface HostRule {
  /** Lower-case host name, without a leading `*.` */
  host: string;
  /** `*.example.com` matches sub-domains of example.com, not example.com itself. */
  wildcard: boolean;
  /** Port required; absent = the scheme's default port only. */
  port: string | undefined;
}

function parseRule(entry: string): HostRule {
  const trimmed = entry.trim().toLowerCase();
  const wildcard = trimmed.startsWith('*.');
  const rest = wildcard ? trimmed.slice(2) : trimmed;
  // `[::1]:8443` or `host:8443`
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(rest);
  if (match === null) throw new TypeError(`"${entry}" is not a host name (host, host:port or *.domain)`);
  return { host: match[1]!, wildcard, port: match[2] };
}

/**
 * The SSRF guard: the hosts this connector may talk to. Every URL the runtime is about to request — built from the
 * base URL, returned as a redirect, a pagination link or anything else a vendor sent back — passes `check` first.
 * Plain `http:` is refused unless the host is a loopback address or `allowInsecureHttp` is set.
 */
export class HostAllowList {
  private readonly rules: HostRule[];

  constructor(
    readonly entries: readonly string[],
    private readonly allowInsecureHttp = false,
  ) {
    this.rules = entries.map(parseRule);
  }

  /** The `host` or `host:port` entry that allows exactly this URL's host. */
  static entryFor(url: URL): string {
    return url.port === '' ? url.hostname : `${url.hostname}:${url.port}`;
  }

  allows(url: URL): boolean {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
    const hostname = url.hostname.toLowerCase();
    if (url.protocol === 'http:' && !this.allowInsecureHttp && !loopbackHosts.has(hostname)) return false;
    if (url.username !== '' || url.password !== '') return false;
    return this.rules.some((rule) => {
      // A rule without a port allows only the scheme's default port.
      if ((rule.port ?? '') !== url.port) return false;
      return rule.wildcard ? hostname.endsWith(`.${rule.host}`) : hostname === rule.host;
    });
  }

  /** Throws `HostNotAllowedError` (with the URL already redacted by `redact`) unless the URL is allowed. */
  check(url: URL, origin: HostNotAllowedError['origin'], redact: (url: URL) => string): void {
    if (!this.allows(url)) throw new HostNotAllowedError(redact(url), this.entries, origin);
  }
}
