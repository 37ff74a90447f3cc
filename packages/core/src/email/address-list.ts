import { withoutComments } from './header-comments.js';
import { decodeEncodedWords } from './encoded-words.js';
import type { MailboxAddress } from './parsed-email.js';

/** Splits on `separator` outside quoted strings, comments `( )` and angle brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let comment = 0;
  let angle = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quoted && character === '\\') {
      current += character + (text[index + 1] ?? '');
      index++;
      continue;
    }
    if (character === '"' && comment === 0) quoted = !quoted;
    else if (!quoted && character === '(') comment++;
    else if (!quoted && character === ')' && comment > 0) comment--;
    else if (!quoted && comment === 0 && character === '<') angle++;
    else if (!quoted && comment === 0 && character === '>' && angle > 0) angle--;
    if (character === separator && !quoted && comment === 0 && angle === 0) {
      items.push(current);
      current = '';
    } else current += character;
  }
  items.push(current);
  return items;
}

/**
 * The first word holding an inner `@` in free text (`bob@example.com wrote`). A split, not a regular expression
 * such as `[^\s]+@[^\s]+`, which backtracks quadratically over a long word without `@` (found by fuzz).
 */
function addressToken(text: string): string | undefined {
  return text.split(/[\s"<>,;()]+/).find((word) => {
    const at = word.indexOf('@');
    return at > 0 && at < word.length - 1;
  });
}

function displayName(text: string): string | undefined {
  let name = text.trim();
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  name = decodeEncodedWords(name).trim();
  return name === '' ? undefined : name;
}

/**
 * The mailboxes of an address-list header (RFC 5322 §3.4): `"Name" <a@b>, c@d (comment), Group: e@f;`. Groups
 * are flattened; an empty `<>` (the null reverse-path of bounces) yields nothing. Addresses are not validated
 * here: the observable parsers (`canonicalEmail`) decide what is a usable address.
 */
export function parseAddressList(value: string | undefined): MailboxAddress[] {
  if (value === undefined) return [];
  const mailboxes: MailboxAddress[] = [];
  for (let item of splitTopLevel(value, ',')) {
    item = item.trim();
    // `Group: a@b` opens a group, `;` closes it (RFC 5322 §3.4).
    const groupColon = splitTopLevel(item, ':');
    if (groupColon.length > 1 && !groupColon[0]!.includes('@')) item = groupColon.slice(1).join(':');
    item = item.replace(/;\s*$/, '').trim();
    if (item === '') continue;
    const open = item.lastIndexOf('<');
    const close = item.lastIndexOf('>');
    if (open !== -1 && close > open) {
      // An obsolete source route (`<@relay:user@host>`, RFC 5322 §4.4) is dropped.
      const address = item
        .slice(open + 1, close)
        .replace(/^@[^:]*:/, '')
        .trim();
      if (address === '') continue;
      const name = displayName(withoutComments(item.slice(0, open)));
      mailboxes.push(name === undefined ? { address } : { address, name });
      continue;
    }
    const address = withoutComments(item).trim();
    if (address === '' || /\s/.test(address)) {
      const token = addressToken(address);
      if (token !== undefined) mailboxes.push({ address: token });
      continue;
    }
    mailboxes.push({ address });
  }
  return mailboxes;
}
