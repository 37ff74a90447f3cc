import { canonicalNameText } from './domain.js';
import { type Canonical, hasControlCharacter, issue, orThrow } from './observable-issue.js';
import { refang } from './refang.js';

/**
 * Email addresses in one form: the whole address lower-cased, the domain as punycode. RFC 5321 lets a
 * server treat the local part case-sensitively, but no mainstream provider does, and SOC tools (mail
 * gateways, EDR, SIEM) compare addresses case-insensitively; `Alice@X.com` and `alice@x.com` are one person.
 * `Display Name <addr>` and `mailto:addr` are unwrapped; quoted local parts and address literals
 * (`user@[192.0.2.1]`) are refused as unsupported.
 */

const maxLocalLength = 64;
const maxAddressLength = 254;

/** RFC 5322 atext plus ".", already lower-cased. */
function isLocalCharacter(code: number): boolean {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) return true;
  switch (code) {
    case 0x21: // !
    case 0x23: // #
    case 0x24: // $
    case 0x25: // %
    case 0x26: // &
    case 0x27: // '
    case 0x2a: // *
    case 0x2b: // +
    case 0x2d: // -
    case 0x2e: // .
    case 0x2f: // /
    case 0x3d: // =
    case 0x3f: // ?
    case 0x5e: // ^
    case 0x5f: // _
    case 0x60: // `
    case 0x7b: // {
    case 0x7c: // |
    case 0x7d: // }
    case 0x7e: // ~
      return true;
    default:
      return false;
  }
}

function unwrap(text: string): string {
  let value = text;
  const open = value.lastIndexOf('<');
  if (open !== -1 && value.charCodeAt(value.length - 1) === 0x3e) value = value.slice(open + 1, -1).trim();
  if (value.length > 7 && value.slice(0, 7).toLowerCase() === 'mailto:') value = value.slice(7);
  return value;
}

/** Canonical address text (no refang, no trimming). */
export function canonicalEmailText(text: string): Canonical {
  if (text.length === 0) return issue('', 'empty', 'empty email address');
  if (text.length > maxAddressLength * 4) return issue('', 'too-long', `longer than ${maxAddressLength} characters`);
  if (hasControlCharacter(text)) return issue('', 'invalid-character', 'contains a control character');
  const address = unwrap(text);
  const at = address.lastIndexOf('@');
  if (at === -1) return issue('', 'invalid-format', 'an email address needs "@"');
  const local = address.slice(0, at).toLowerCase();
  const domainText = address.slice(at + 1);
  if (local.length === 0) return issue('local', 'empty', 'empty local part');
  if (local.length > maxLocalLength) return issue('local', 'too-long', `local part longer than ${maxLocalLength}`);
  if (local.charCodeAt(0) === 0x22) return issue('local', 'unsupported', 'quoted local parts are not supported');
  for (let index = 0; index < local.length; index++) {
    if (!isLocalCharacter(local.charCodeAt(index))) {
      const character = local[index]!;
      return issue(
        'local',
        'invalid-character',
        `invalid character ${character.trim() === '' ? 'whitespace' : `"${character}"`} in the local part`,
      );
    }
  }
  if (local.charCodeAt(0) === 0x2e || local.charCodeAt(local.length - 1) === 0x2e || local.includes('..')) {
    return issue('local', 'invalid-format', 'a local part may not start or end with "." or hold ".."');
  }
  if (domainText.charCodeAt(0) === 0x5b) return issue('domain', 'unsupported', 'address literals are not supported');
  const domain = canonicalNameText(domainText, 1);
  if (typeof domain !== 'string') return { ...domain, path: domain.path ? `domain.${domain.path}` : 'domain' };
  const canonical = `${local}@${domain}`;
  if (canonical.length > maxAddressLength) return issue('', 'too-long', `longer than ${maxAddressLength} characters`);
  return canonical;
}

export function canonicalEmailOrIssue(raw: string): Canonical {
  return canonicalEmailText(refang(raw.trim()));
}

/**
 * The canonical form of an email address: lower case, punycode domain. Accepts `Name <addr>`, `mailto:` and
 * defanged input (`bob[@]evil[.]com`).
 * @example canonicalEmail('Bob <Bob@Bücher.DE>') // 'bob@xn--bcher-kva.de'
 */
export function canonicalEmail(raw: string): string {
  return orThrow('email', raw, canonicalEmailOrIssue(raw));
}

/** A mailbox (an M365 or Google Workspace mailbox, say) is named by its primary address, in the same form. */
export function canonicalMailbox(raw: string): string {
  return orThrow('mailbox', raw, canonicalEmailOrIssue(raw));
}
