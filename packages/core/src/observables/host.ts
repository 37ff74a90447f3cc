import { canonicalNameText } from './domain.js';
import { looksLikeIp } from './ip.js';
import { type Canonical, issue, orThrow } from './observable-issue.js';
import { refang } from './refang.js';

/**
 * Host names: a fully qualified name (`ws-042.corp.example.com`) or a short name (`WS-042`), lower-cased,
 * punycode, no trailing dot, with the same label rules as domains. The short and the qualified name of one
 * machine stay distinct values: joining them needs inventory data the parser does not have. An IP literal
 * is refused with code `unsupported`: it is an ip entity (`entitiesOfAlert` routes it there).
 */

/** Canonical host text (no refang, no trimming). */
export function canonicalHostText(text: string): Canonical {
  if (looksLikeIp(text)) return issue('', 'unsupported', 'an IP address is an ip entity, not a host name');
  return canonicalNameText(text, 1);
}

export function canonicalHostOrIssue(raw: string): Canonical {
  return canonicalHostText(refang(raw.trim()));
}

/**
 * The canonical form of a host name.
 * @example canonicalHost('WS-042.Corp.Example.com.') // 'ws-042.corp.example.com'
 */
export function canonicalHost(raw: string): string {
  return orThrow('host', raw, canonicalHostOrIssue(raw));
}
