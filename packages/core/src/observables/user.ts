import { canonicalNameText } from './domain.js';
import { type Canonical, hasControlCharacter, issue, orThrow } from './observable-issue.js';

/**
 * User names in one form per notation, lower-cased (Windows, Entra ID, Okta and Google all compare account
 * names case-insensitively):
 * - `DOMAIN\user` (down-level logon name) becomes `domain\user`; `.\user` (a local account) stays as such.
 * - `user@domain` (UPN or login email) becomes `user@<canonical domain>`.
 * - A bare name becomes the lower-cased name.
 * The notations are not merged with each other: a NetBIOS domain (`CORP`) cannot be mapped to a DNS domain
 * (`corp.example.com`) without directory data, so `corp\alice` and `alice@corp.example.com` stay distinct.
 */

const maxUserLength = 512;

/** Canonical user text (no trimming). */
export function canonicalUserText(text: string): Canonical {
  if (text.length === 0) return issue('', 'empty', 'empty user name');
  if (text.length > maxUserLength) return issue('', 'too-long', `longer than ${maxUserLength} characters`);
  if (hasControlCharacter(text)) return issue('', 'invalid-character', 'contains a control character');
  const backslash = text.indexOf('\\');
  if (backslash !== -1) {
    if (text.indexOf('\\', backslash + 1) !== -1) {
      return issue('', 'invalid-format', 'more than one "\\" (expected DOMAIN\\user)');
    }
    const domain = text.slice(0, backslash).trim();
    const name = text.slice(backslash + 1).trim();
    if (domain.length === 0) return issue('domain', 'empty', 'empty domain before "\\"');
    if (name.length === 0) return issue('name', 'empty', 'empty user name after "\\"');
    return `${domain}\\${name}`.toLowerCase();
  }
  const at = text.lastIndexOf('@');
  if (at !== -1) {
    const name = text.slice(0, at);
    if (name.length === 0) return issue('name', 'empty', 'empty user name before "@"');
    const domain = canonicalNameText(text.slice(at + 1), 1);
    if (typeof domain !== 'string') return { ...domain, path: domain.path ? `domain.${domain.path}` : 'domain' };
    return `${name.toLowerCase()}@${domain}`;
  }
  return text.toLowerCase();
}

export function canonicalUserOrIssue(raw: string): Canonical {
  return canonicalUserText(raw.trim());
}

/**
 * The canonical form of a user name (see the module comment).
 * @example canonicalUser('CORP\\Alice') // 'corp\\alice'
 * @example canonicalUser('Alice@Corp.Example.com') // 'alice@corp.example.com'
 */
export function canonicalUser(raw: string): string {
  return orThrow('user', raw, canonicalUserOrIssue(raw));
}
